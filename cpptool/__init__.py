"""cpptool: author, check and render UK child protection plans kept as YAML."""

__version__ = "0.1.0"
