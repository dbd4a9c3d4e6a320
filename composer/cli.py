"""The command line: the same functions as the window, headless.

Only what a command needs is imported, so ``render`` starts quickly.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from composer.storage import Project

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
COMMANDS = ("sample", "render", "export", "check")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="newsletter-composer",
        description="Compose, check and export an email newsletter. Without a command, the "
        "window opens (on FILE, or on the bundled sample newsletter).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    p = sub.add_parser("sample", help="write the bundled sample newsletter to a file")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p = sub.add_parser("render", help="render a newsletter to HTML (and plain text)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--output", required=True, metavar="OUT.html")
    p.add_argument("--text", metavar="OUT.txt", help="also write the plain-text alternative")
    p = sub.add_parser("export", help="export for sending: an HTML folder")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", required=True, choices=("html",))
    p.add_argument("-o", "--output", required=True, metavar="PATH")
    p.add_argument("--image-base-url", metavar="URL",
                   help="web address where the images will be hosted (absolute src)")
    p = sub.add_parser("check", help="pre-flight checks; exit status 1 if any error is found")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")
    return parser


def _load(path: str) -> Project:
    from composer.storage import load

    return load(path)


def _cmd_sample(args: argparse.Namespace) -> int:
    from composer.sample import load_sample
    from composer.storage import save

    save(load_sample(), args.output)
    print(f"Wrote the sample newsletter to {args.output}")
    return EXIT_OK


def _write_text(path: str, text: str) -> None:
    from composer.errors import ComposerError

    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ComposerError(f"Cannot write “{path}”: {exc.strerror or exc}.") from None


def _cmd_render(args: argparse.Namespace) -> int:
    from composer.render import relative_resolver, render

    project = _load(args.file)
    result = render(project.newsletter, relative_resolver(project.images))
    _write_text(args.output, result.html)
    if args.text:
        _write_text(args.text, result.text)
    for issue in result.issues:
        print(f"warning: {issue}", file=sys.stderr)
    return EXIT_OK


def _progress_line(step: int, total: int, message: str) -> None:
    if sys.stderr.isatty():
        print(f"\r[{step}/{total}] {message[:60]:<60}", end="", file=sys.stderr, flush=True)


def _cmd_export(args: argparse.Namespace) -> int:
    from composer.export import export_html
    from composer.richtext import link_problem

    if args.image_base_url and (problem := link_problem(args.image_base_url)):
        raise _bad_input(f"--image-base-url: {problem}")
    project = _load(args.file)
    html = export_html(project, args.output, image_base_url=args.image_base_url,
                       progress=_progress_line)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"Exported {html}")
    return EXIT_OK


def _bad_input(message: str) -> Exception:
    from composer.errors import ComposerError

    return ComposerError(message)


def _cmd_check(args: argparse.Namespace) -> int:
    from composer.checks import Severity, run_checks
    from composer.render import relative_resolver, render

    project = _load(args.file)
    findings = run_checks(project, render(project.newsletter, relative_resolver(project.images)))
    if args.json:
        print(json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=2))
    else:
        blocks = {block.id: block for block in project.newsletter.blocks}
        for severity in Severity:
            group = [f for f in findings if f.severity is severity]
            if not group:
                continue
            print(f"{severity.value.upper()}S ({len(group)})")
            for finding in group:
                where = "settings"
                if finding.block_id in blocks:
                    block = blocks[finding.block_id]
                    where = f"{block.type} “{finding.block_id}”"
                print(f"  - [{finding.code}] {where}: {finding.message}")
        if not findings:
            print("No problems found.")
    return EXIT_FINDINGS if any(f.severity is Severity.ERROR for f in findings) else EXIT_OK


def _open_window(file: str | None) -> int:
    try:
        from composer.gui.app import run
    except ImportError:
        # The window is not part of this build yet: show the user the rendered sample instead.
        from composer.export import export_html
        from composer.sample import load_sample

        project = _load(file) if file else load_sample()
        html = export_html(project, Path("build") / "sample")
        print(f"The window is not available in this build; the newsletter was exported to "
              f"{html.resolve()}. Open it in a browser.")
        return EXIT_OK
    return run(file)


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "sample": _cmd_sample,
    "render": _cmd_render,
    "export": _cmd_export,
    "check": _cmd_check,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 checks failed, 2 bad input)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    from composer.errors import ComposerError

    try:
        if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
            if len(argv) > 1:
                _parser().error(f"unknown command {argv[0]!r}; commands: {', '.join(COMMANDS)}")
            return _open_window(argv[0] if argv else None)
        try:
            args = _parser().parse_args(argv)
        except SystemExit as exc:  # usage errors and --help: argparse has printed the reason
            return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
        if args.command is None:
            _parser().print_help()
            return EXIT_OK
        return HANDLERS[args.command](args)
    except ComposerError as exc:
        print(f"newsletter-composer: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("newsletter-composer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a bug: say so in one line; the traceback on request
        if os.environ.get("NEWSLETTER_COMPOSER_DEBUG"):
            raise
        print(f"newsletter-composer: internal error ({type(exc).__name__}: {exc}). Please "
              "report it; set NEWSLETTER_COMPOSER_DEBUG=1 to see the details.", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
