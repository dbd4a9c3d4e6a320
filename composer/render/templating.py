"""The one Jinja2 environment: packaged templates, theme overrides and the bytecode cache."""

from __future__ import annotations

import contextlib
import functools

import jinja2

from composer.package_data import template_root, user_cache_folder


def load_template(name: str) -> str:
    """The source of the template ``name`` under ``templates/``.

    Raises:
        jinja2.TemplateNotFound: there is no such template, or the name climbs out.
    """
    parts = name.split("/")
    if ".." in parts or name.startswith("/"):
        raise jinja2.TemplateNotFound(name)
    node = template_root()
    for part in parts:
        node = node / part
    try:
        return node.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise jinja2.TemplateNotFound(name) from None


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept on disk: compiling them is most of a cold start's render.

    A cache that cannot be written is no cache, never an error.
    """

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):
            bucket.reset()


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    folder = user_cache_folder("templates") / jinja2.__version__
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _BytecodeCache(str(folder))


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one Jinja2 environment: packaged templates, strict, HTML autoescaped."""
    return jinja2.Environment(
        bytecode_cache=_bytecode_cache(),
        loader=jinja2.FunctionLoader(lambda name: (load_template(name), None, lambda: True)),
        autoescape=jinja2.select_autoescape(["html", "css"], default_for_string=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=False,
        auto_reload=False,
    )


@functools.lru_cache(maxsize=256)
def theme_template(theme_name: str, name: str) -> str:
    """The theme's own version of the template ``name`` if it has one, else the shared one.

    Themes share the partials in ``base/`` and override only what differs, so a fix to a
    block reaches every theme.
    """
    own = f"{theme_name}/{name}"
    try:
        load_template(own)
    except jinja2.TemplateNotFound:
        return f"base/{name}"
    return own
