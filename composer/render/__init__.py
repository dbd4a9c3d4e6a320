"""Rendering: a newsletter in, email HTML (CSS inlined) and its plain-text alternative out."""

# One module per step: themes (a theme's variables), colours (the palette derived from the
# accent), templating (the Jinja2 environment), inlining (premailer and its caches), assets
# (where pictures come from), renderer (the render itself). The rest of the program imports
# from here, never from the modules.

from __future__ import annotations

from composer.render.assets import (
    AssetResolver,
    ResolvedImage,
    StoreResolver,
    display_size,
    relative_resolver,
)
from composer.render.colours import contrast_ratio, mix, relative_luminance, theme_colours
from composer.render.inlining import PREVIEW_BLOCK_END, PREVIEW_BLOCK_START, inline_css
from composer.render.renderer import (
    PREHEADER_FILLER,
    RenderResult,
    clear_caches,
    format_date,
    render,
    render_html,
    render_text,
    rich,
    unmarked,
)
from composer.render.templating import environment
from composer.render.themes import Palette, Theme, theme

__all__ = [
    "PREHEADER_FILLER",
    "PREVIEW_BLOCK_END",
    "PREVIEW_BLOCK_START",
    "AssetResolver",
    "Palette",
    "RenderResult",
    "ResolvedImage",
    "StoreResolver",
    "Theme",
    "clear_caches",
    "contrast_ratio",
    "display_size",
    "environment",
    "format_date",
    "inline_css",
    "mix",
    "relative_luminance",
    "relative_resolver",
    "render",
    "render_html",
    "render_text",
    "rich",
    "theme",
    "theme_colours",
    "unmarked",
]
