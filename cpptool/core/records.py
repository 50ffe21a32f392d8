"""Record classes: a plain class of named fields, made from its annotations, as `dataclasses` makes
one, for the part of that module cpptool uses (defaults, default factories, frozen records,
equality and hashing by field, `replace`).

Why not dataclasses: on Python 3.11 it writes each class's methods as source text and compiles
them when the module is imported, about half a millisecond a class. A one-plan check imports two
dozen record classes, so that was a tenth of its time (the benchmark's one-plan row). These
methods are made once, as closures, with nothing to compile; making an instance costs about as
much as a dataclass's (less for a frozen one with many fields, up to a microsecond more for one
with few fields and defaults), which a run over 20,000 plans does not notice.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

T = TypeVar("T")
_MISSING: Any = object()


class Field:
    """What `field()` gives a record's class body: a default or a factory, and whether the field
    is shown (repr) and compared (eq, hash)."""

    __slots__ = ("default", "default_factory", "repr", "compare")

    def __init__(self, default: Any, default_factory: Any, repr: bool, compare: bool) -> None:
        self.default, self.default_factory, self.repr, self.compare = default, default_factory, repr, compare


def field(*, default: Any = _MISSING, default_factory: Callable[[], Any] = _MISSING, repr: bool = True,
          compare: bool = True) -> Any:
    if default is not _MISSING and default_factory is not _MISSING:
        raise ValueError("a field takes a default or a default_factory, not both")
    return Field(default, default_factory, repr, compare)


def record(cls: type[T] | None = None, /, *, frozen: bool = False) -> Any:
    """Make `cls` a record of the fields its annotations name, in that order. With `frozen`, its
    fields cannot be assigned after it is made, and it hashes by the fields it compares."""
    def make(cls: type[T]) -> type[T]:
        return _make(cls, frozen)

    return make if cls is None else make(cls)


def fields(obj: Any) -> tuple[str, ...]:
    """The field names of a record class or record, in order."""
    return obj.__record_fields__


def replace(obj: T, /, **changes: Any) -> T:
    """A new record like `obj`, with `changes`."""
    values = {name: getattr(obj, name) for name in obj.__record_fields__}
    unknown = set(changes) - set(values)
    if unknown:
        raise TypeError(f"{type(obj).__name__} has no field {sorted(unknown)[0]!r}")
    values.update(changes)
    return type(obj)(**values)


class _Shape:
    """A record class's fields: their order, defaults and factories, which are shown and compared."""

    def __init__(self, cls: type) -> None:
        self.title = cls.__name__
        self.defaults: dict[str, Any] = {}
        self.factories: dict[str, Callable[[], Any]] = {}
        names, shown, compared = [], [], []
        for name, annotation in cls.__dict__.get("__annotations__", {}).items():
            if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
                continue
            value = cls.__dict__.get(name, _MISSING)
            spec = value if isinstance(value, Field) else Field(value, _MISSING, True, True)
            if spec.default_factory is not _MISSING:
                self.factories[name] = spec.default_factory
            elif spec.default is not _MISSING:
                self.defaults[name] = spec.default
            elif self.defaults or self.factories:
                raise TypeError(f"{cls.__name__}: field '{name}' without a default follows one with a default")
            if isinstance(value, Field):  # as dataclasses leave it: the plain default on the class, or nothing
                if spec.default is _MISSING:
                    delattr(cls, name)
                else:
                    setattr(cls, name, spec.default)
            names.append(name)
            if spec.repr:
                shown.append(name)
            if spec.compare:
                compared.append(name)
        self.names, self.shown, self.compared = tuple(names), tuple(shown), tuple(compared)


def _init(shape: _Shape, post_init: bool) -> Callable[..., None]:
    names, known, count, title = shape.names, frozenset(shape.names), len(shape.names), shape.title
    defaults, factories = dict(shape.defaults), tuple(shape.factories.items())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if len(args) > count:
            raise TypeError(f"{title}() takes {count} arguments, not {len(args)}")
        if kwargs and not (known.issuperset(kwargs) and kwargs.keys().isdisjoint(names[:len(args)])):
            raise TypeError(f"{title}() got an argument it has no field for, or one field twice")
        values = self.__dict__  # set directly, as frozen dataclasses do, so __setattr__ is not asked
        values.update(defaults)
        if args:
            values.update(zip(names, args))
        if kwargs:
            values.update(kwargs)
        for name, make in factories:
            if name not in values:
                values[name] = make()
        if len(values) < count:
            raise TypeError(f"{title}() needs {next(n for n in names if n not in values)!r}")
        if post_init:
            self.__post_init__()

    return __init__


def _methods(shape: _Shape, frozen: bool, explicit_hash: bool) -> dict[str, Any]:
    shown, compared, title = shape.shown, shape.compared, shape.title

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}({', '.join(f'{n}={getattr(self, n)!r}' for n in shown)})"

    def __eq__(self, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return tuple(getattr(self, n) for n in compared) == tuple(getattr(other, n) for n in compared)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a {title} does not change once made")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a {title} does not change once made")

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in compared))

    made: dict[str, Any] = {"__repr__": __repr__, "__eq__": __eq__}
    if frozen:
        made.update(__setattr__=__setattr__, __delattr__=__delattr__)
    if not explicit_hash:  # equal by value: hashed by it when frozen, else no dict key (as dataclasses)
        made["__hash__"] = __hash__ if frozen else None
    return made


def _make(cls: type, frozen: bool) -> type:
    own = cls.__dict__
    own_hash = own.get("__hash__", _MISSING)
    explicit_hash = not (own_hash is _MISSING or (own_hash is None and "__eq__" in own))
    shape = _Shape(cls)
    made = {"__init__": _init(shape, "__post_init__" in own), **_methods(shape, frozen, explicit_hash)}
    for method, function in made.items():
        if method in ("__init__", "__repr__", "__eq__") and method in own:
            continue  # the class's own method stays, as dataclasses leave it
        if function is not None:
            function.__qualname__ = f"{cls.__qualname__}.{method}"
        setattr(cls, method, function)
    cls.__record_fields__ = shape.names
    return cls
