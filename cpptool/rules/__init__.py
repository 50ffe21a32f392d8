"""Rule families. Importing this package registers every rule in cpptool.core.registry.RULES."""

from cpptool.rules import structure  # noqa: F401
from cpptool.rules import waivers  # noqa: F401
from cpptool.rules import timescales  # noqa: F401
from cpptool.rules import agreement, quality  # noqa: F401
from cpptool.rules import outline  # noqa: F401
from cpptool.rules import detailed  # noqa: F401
from cpptool.rules import lifecycle, records  # noqa: F401
