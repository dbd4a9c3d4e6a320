"""The command line: the same functions as the window, headless.

Only what a command needs is imported, so ``render`` starts quickly. One short function per
command plus the argument parser, kept in one module (a little over 500 lines) so that the
parser and the commands it calls read together; the work itself is in the core modules.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from composer.i18n import ui_message as _

if TYPE_CHECKING:
    from composer.model import Bundle

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
COMMANDS = ("sample", "new", "import", "render", "export", "check", "send", "compact", "library")
#: composer.export.FORMATS, repeated so that parsing the command line imports nothing.
EXPORT_FORMATS = ("html", "zip", "eml")
#: composer.send.SECURITIES, for the same reason.
SMTP_SECURITIES = ("starttls", "ssl", "none")
#: Where ``send`` finds the SMTP password; never an argument, which ``ps`` would show to all.
PASSWORD_VARIABLE = "NEWSLETTER_COMPOSER_SMTP_PASSWORD"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="newsletter-composer",
        description="Compose, check and export an email newsletter. Without a command, the "
        "window opens (on FILE, or where you left off; the first time on the sample newsletter).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    p = sub.add_parser(
        "sample",
        help="write a bundled example newsletter to a file",
        description="Write a bundled example newsletter to a file: the sample issue, or with "
        "--example showcase one that uses every block type and option.",
    )
    p.add_argument("-o", "--output", metavar="FILE")
    p.add_argument(
        "--example", default="north-sweden", metavar="NAME", help="which example (see --list)"
    )
    p.add_argument("--list", action="store_true", help="list the examples and what each is")
    p = sub.add_parser(
        "new",
        help="start the next issue from the last one",
        description="Start the next issue from an earlier one: its settings, masthead and "
        "recurring blocks (everything but the articles) are copied, the issue date moves on a "
        "month, and the subject and preview text that named the old month name the new one.",
    )
    p.add_argument(
        "--from", required=True, dest="source", metavar="LAST.newsletter", help="the last issue"
    )
    p.add_argument(
        "-o", "--output", required=True, metavar="NEXT.newsletter", help="the new issue to write"
    )
    p.add_argument(
        "--keep-articles",
        action="store_true",
        help="also copy the articles; their dates move on with the issue date",
    )
    p.add_argument(
        "--issue-date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the new issue's date; by default a month after the last one's",
    )
    p = sub.add_parser(
        "import",
        help="add articles from Word, Markdown, text files or web pages to a newsletter",
        description="Make articles of .docx, .md, .txt and .html files and of web pages "
        "(http or https addresses, downloaded with their pictures) and add them at the end of "
        "the newsletter. A newsletter that does not exist yet is started with the settings "
        "of the bundled sample. Nothing is written if a source cannot be imported.",
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="a file or a web address")
    p.add_argument("--into", required=True, metavar="FILE.newsletter")
    p.add_argument(
        "--split-headings",
        action="store_true",
        help="one article per Heading 1 or Heading 2 section (else one per source)",
    )
    p = sub.add_parser(
        "render",
        help="render a newsletter to HTML (and plain text)",
        description="Render a newsletter to one HTML file. Its pictures are referred to as "
        "images/<name> and are not written; `export --format html` writes a folder with them.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--output", required=True, metavar="OUT.html")
    p.add_argument("--text", metavar="OUT.txt", help="also write the plain-text alternative")
    p = sub.add_parser(
        "export",
        help="export for sending: an HTML folder, a zip for an email service, or an .eml",
        description="Export the newsletter with its images processed for email: html (a "
        "folder), zip (for an email service to import) or eml (a message with the images "
        "inside, to open in a mail program).",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="PATH",
        help="the folder (html) or file (zip, eml) to write",
    )
    p.add_argument(
        "--image-base-url",
        metavar="URL",
        help="html only: web folder where the images will be hosted (absolute src)",
    )
    p.add_argument(
        "--to",
        metavar="ADDR",
        help="eml only: recipient(s); by default a placeholder (none in a draft)",
    )
    p.add_argument(
        "--draft",
        action="store_true",
        help="eml only: a draft to send from your own mail program (X-Unsent: 1): Outlook "
        "opens it ready to send, Thunderbird in its editor with your own From; without it, "
        "a message to view, forward or archive",
    )
    p = sub.add_parser(
        "check",
        help="pre-flight checks; exit status 1 if any error is found",
        description="Check the newsletter before sending: errors (fix before sending), "
        "warnings and tips, each with the block it concerns and how to fix it. Exit status: "
        "0 no errors, 1 errors found, 2 the file cannot be read.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--json",
        action="store_true",
        help="print the counts and findings as JSON (severity, code, message, "
        "block_id, field, location)",
    )
    p = sub.add_parser(
        "send",
        help="send a test mail ([Test] subject) over SMTP, to see it in a real mail program",
        description="Send the newsletter, as the eml export builds it, to yourself over SMTP. "
        f"The password is read from ${PASSWORD_VARIABLE}, else asked for on the terminal.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--to", required=True, action="append", metavar="ADDR", help="recipient; repeat for more"
    )
    p.add_argument("--smtp-host", required=True, metavar="HOST", help="outgoing mail server")
    p.add_argument(
        "--smtp-port", type=int, metavar="N", help="default 587 (starttls), 465 (ssl), 25 (none)"
    )
    p.add_argument(
        "--security",
        choices=SMTP_SECURITIES,
        default="starttls",
        help="starttls (default), ssl, or none (only for a server on this computer)",
    )
    p.add_argument("--user", default="", metavar="NAME", help="login name; none: no login")
    p = sub.add_parser(
        "compact",
        help="reduce the file's size: pictures replaced by working copies, GPS positions removed",
        description="Replace every picture in the newsletter by its working copy: upright, "
        "without metadata (no GPS position), at most 2400 pixels on its long edge. The "
        "exported email looks the same. Without -o the file is rewritten, the previous "
        "version kept as FILE.bak. Exit status: 0 done, 2 the file cannot be read or written.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of replacing FILE")
    _library_parser(sub)
    return parser


def _library_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    p = sub.add_parser(
        "library",
        help="the saved-blocks library: list, add, insert, rename, delete, export, import",
        description="The blocks you saved to use again (a contact person, the office's "
        "introduction, a button), shared by all your newsletters, with their pictures. By "
        "default the library in your data folder, the one the window uses. A saved block is "
        "named by its id, its number in the list or its name.",
    )
    p.add_argument("--library", metavar="PATH", help="another library file than your own")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    actions.required = True
    actions.add_parser("list", help="the saved blocks: number, id, kind and name")
    q = actions.add_parser("add", help="save a block of a newsletter to the library")
    q.add_argument("file", metavar="FILE.newsletter")
    q.add_argument("--block", required=True, metavar="ID|NUMBER", help="the block (1 = first)")
    q.add_argument("--name", help="the name to save it under; by default the block's own")
    q = actions.add_parser("insert", help="add a copy of a saved block at the end of a newsletter")
    q.add_argument("entry", metavar="BLOCK")
    q.add_argument("--into", required=True, metavar="FILE.newsletter")
    q = actions.add_parser("rename", help="give a saved block another name")
    q.add_argument("entry", metavar="BLOCK")
    q.add_argument("name", metavar="NAME")
    q = actions.add_parser("delete", help="remove a saved block from the library")
    q.add_argument("entry", metavar="BLOCK")
    q = actions.add_parser("export", help="write the library to a file to give a colleague")
    q.add_argument("-o", "--output", required=True, metavar="FILE.blocks")
    q = actions.add_parser(
        "import", help="add a colleague's saved blocks (those already there are kept once)"
    )
    q.add_argument("source", metavar="FILE.blocks")


def _iso_date(text: str) -> dt.date:
    """An argument's date, written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date written YYYY-MM-DD, such as 2012-12-01"
        ) from None


def _load(path: str) -> Bundle:
    from composer.storage import load

    return load(path)


def _cmd_sample(args: argparse.Namespace) -> int:
    from composer.sample import EXAMPLES, load_sample
    from composer.storage import save

    if args.list:
        for name, (_folder, description) in EXAMPLES.items():
            print(f"{name:14} {_(description)}")
        return EXIT_OK
    if args.example not in EXAMPLES:
        print(
            _("There is no example called “{name}”; choose one of {names}.").format(
                name=args.example, names=", ".join(EXAMPLES)
            ),
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    if not args.output:
        print(
            _("Name the file to write with -o FILE, or list the examples with --list."),
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    save(load_sample(args.example), args.output)
    print(f"Wrote the {args.example} example newsletter to {args.output}")
    return EXIT_OK


def _cmd_new(args: argparse.Namespace) -> int:
    from composer.next_issue import next_issue
    from composer.storage import save

    _refuse_overwriting(args.source, args.output)
    bundle = next_issue(
        _load(args.source), keep_articles=args.keep_articles, issue_date=args.issue_date
    )
    save(bundle, args.output)
    settings = bundle.newsletter.settings
    print(f"Wrote the issue of {settings.issue_date} to {args.output}: {settings.subject}")
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from composer.errors import ComposerError
    from composer.importers import append_to, import_source, newsletter_like
    from composer.sample import load_sample
    from composer.storage import FILE_SUFFIX, save

    target = Path(args.into)
    if target.exists():
        bundle = _load(args.into)
        started = False
    elif target.suffix != FILE_SUFFIX:
        raise ComposerError(
            _(
                "Cannot start “{path}”: a newsletter's file name ends in {suffix}. Name it "
                "so, or give an existing newsletter."
            ).format(path=args.into, suffix=FILE_SUFFIX)
        )
    else:
        bundle = newsletter_like(load_sample())
        started = True
    reports: list[str] = []
    for source in args.sources:
        imported = import_source(source, split_headings=args.split_headings)
        bundle = append_to(bundle, imported)
        for note in imported.notes:
            print(f"warning: {source}: {note}", file=sys.stderr)
        articles = sum(block.kind == "article" for block in imported.blocks)
        reports.append(
            _("{source}: {articles} article(s), {blocks} block(s) in all").format(
                source=source, articles=articles, blocks=len(imported.blocks)
            )
        )
    save(bundle, target)
    for report in reports:
        print(report)
    if started:
        print(_("Started {path} with the settings of the sample newsletter.").format(path=target))
    else:
        print(_("Added to the end of {path}.").format(path=target))
    return EXIT_OK


def _write_text(path: str, text: str) -> None:
    from composer import atomic
    from composer.errors import ComposerError

    try:
        atomic.write_bytes(Path(path), text.encode("utf-8"))
    except OSError as exc:
        raise ComposerError(
            _("Cannot write “{path}”: {error}.").format(path=path, error=exc.strerror or exc)
        ) from None


def _same_file(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> bool:
    """Whether two paths name one file: the same spelling, or one file reached two ways."""
    if os.path.normcase(os.path.abspath(first)) == os.path.normcase(os.path.abspath(second)):
        return True
    try:
        return os.path.samefile(first, second)
    except (OSError, ValueError):  # one does not exist (yet), or a name the system refuses
        return False


def _refuse_overwriting(source: str, *outputs: str | None) -> None:
    """Refuse outputs that are the newsletter itself, its backup, or one another.

    ``render X.newsletter -o X.newsletter`` would replace the document with its HTML.

    Raises:
        ComposerError: an output is the input file (by any path to it) or its ``.bak``.
    """
    from composer.errors import ComposerError
    from composer.storage import backup_path

    protected: list[str | os.PathLike[str]] = [source, backup_path(source)]
    given = [output for output in outputs if output is not None]
    for index, output in enumerate(given):
        if any(_same_file(output, path) for path in protected):
            raise ComposerError(
                _(
                    "Cannot write to “{output}”: it is the newsletter “{source}” or its backup, "
                    "which would be lost. Choose another name for the output."
                ).format(output=output, source=source)
            )
        if any(_same_file(output, other) for other in given[index + 1 :]):
            raise ComposerError(
                _(
                    "Two outputs are “{output}”: one would overwrite the other. Give each its "
                    "own name."
                ).format(output=output)
            )


def _cmd_render(args: argparse.Namespace) -> int:
    from composer.render import relative_resolver, render

    _refuse_overwriting(args.file, args.output, args.text)
    bundle = _load(args.file)
    result = render(bundle.newsletter, relative_resolver(bundle.images))
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
    from composer.export import export

    _refuse_overwriting(args.file, args.output)
    bundle = _load(args.file)
    warnings: list[str] = []
    try:
        written = export(
            bundle,
            args.output,
            args.format,
            image_base_url=args.image_base_url,
            to=args.to,
            draft=args.draft,
            progress=_progress_line,
            on_warning=warnings.append,
        )
    finally:
        if sys.stderr.isatty():
            print(file=sys.stderr)  # end the progress line
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"Exported {written}")
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    """Print the pre-flight findings, grouped by severity, each with its block and its fix."""
    import shutil
    import textwrap

    from composer.checks import Severity, run_checks
    from composer.render import relative_resolver, render

    bundle = _load(args.file)
    findings = run_checks(bundle, render(bundle.newsletter, relative_resolver(bundle.images)))
    counts = {severity: sum(f.severity is severity for f in findings) for severity in Severity}
    if args.json:
        report = {
            "file": args.file,
            "counts": {severity.value: count for severity, count in counts.items()},
            "findings": [f.as_json() for f in findings],
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
    elif not findings:
        print(_("No problems found: the newsletter is ready to send."))
    else:
        width = max(40, min(100, shutil.get_terminal_size((100, 24)).columns) - 1)
        headings = {
            Severity.ERROR: _("Errors – fix these before sending ({count})"),
            Severity.WARNING: _("Warnings – worth fixing ({count})"),
            Severity.TIP: _("Tips ({count})"),
        }
        for severity in Severity:
            if not counts[severity]:
                continue
            print(headings[severity].format(count=counts[severity]))
            for finding in findings:
                if finding.severity is severity:
                    print(f"  • {finding.location}")
                    print(
                        textwrap.fill(
                            finding.message,
                            width,
                            initial_indent="    ",
                            subsequent_indent="    ",
                            break_on_hyphens=False,
                        )
                    )
            print()
        print(
            _("Errors: {errors} · Warnings: {warnings} · Tips: {tips}").format(
                errors=counts[Severity.ERROR],
                warnings=counts[Severity.WARNING],
                tips=counts[Severity.TIP],
            )
        )
    return EXIT_FINDINGS if counts[Severity.ERROR] else EXIT_OK


def _smtp_password(user: str) -> str | None:
    """The password from the environment, else asked for on a terminal; None without a user."""
    if not user:
        return None
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is not None:
        return password
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(f"Password for {user}: ")
    return None  # send_test says a password is needed, and where to give it


def _cmd_send(args: argparse.Namespace) -> int:
    from composer.errors import SendError
    from composer.send import SmtpSettings, send_test

    bundle = _load(args.file)
    server = SmtpSettings(
        host=args.smtp_host, port=args.smtp_port, security=args.security, user=args.user
    )
    password = _smtp_password(args.user)
    if args.user and password is None:
        raise SendError(
            _(
                "A user name is given but no password: set {variable}, or run the "
                "command on a terminal to be asked for it."
            ).format(variable=PASSWORD_VARIABLE)
        )
    try:
        send_test(bundle, args.to, server, password, progress=_progress_line)
    finally:
        if sys.stderr.isatty():
            print(file=sys.stderr)  # end the progress line
    print(f"Sent a test mail to {', '.join(args.to)} through {server.host}:{server.effective_port}")
    return EXIT_OK


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _cmd_compact(args: argparse.Namespace) -> int:
    from composer.compact import compact
    from composer.storage import load_with_stamp, save

    if args.output is not None:
        _refuse_overwriting(args.file, args.output)
    bundle, stamp = load_with_stamp(args.file)
    before = os.path.getsize(args.file)
    result = compact(bundle)
    for name in result.unreadable:
        print(f"warning: {name} is missing or damaged and was left as it was", file=sys.stderr)
    if (
        args.output is None
        and not result.replaced
        and not bundle.newsletter.settings.keep_original_pictures
    ):
        print(f"{args.file} holds working copies already ({_megabytes(before)}); nothing written")
        return EXIT_OK
    if args.output is None:
        save(result.bundle, args.file, expected=stamp)
        written = args.file
    else:
        save(result.bundle, args.output)
        written = args.output
    after = os.path.getsize(written)
    print(
        f"Wrote {written}: {_megabytes(before)} before, {_megabytes(after)} now "
        f"({len(result.replaced)} pictures replaced by working copies)"
    )
    return EXIT_OK


def _cmd_library(args: argparse.Namespace) -> int:
    from composer import block_library
    from composer.storage import save

    path = Path(args.library) if args.library else block_library.library_path()
    library = block_library.LibraryFile(path)
    if args.action == "list":
        entries = library.read().entries
        for number, entry in enumerate(entries, 1):
            print(f"{number}\t{entry.id}\t{entry.kind}\t{entry.name}")
        if not entries:
            print(_("The library {path} holds no saved blocks.").format(path=path), file=sys.stderr)
    elif args.action == "add":
        bundle = _load(args.file)
        block = _chosen(args.block, [(b.id, b.display_name()) for b in bundle.newsletter.blocks])
        chosen = bundle.newsletter.block(block)
        entry = library.save_block(
            args.name or chosen.display_name() or chosen.kind, chosen, bundle.images
        )
        print(_("Saved “{name}” to the library {path}.").format(name=entry.name, path=path))
    elif args.action == "insert":
        bundle = _load(args.into)
        entry_id = _chosen(args.entry, [(e.id, e.name) for e in library.read().entries])
        copy = library.copy_of(entry_id, bundle.images)
        newsletter = bundle.newsletter.model_copy(
            update={"blocks": (*bundle.newsletter.blocks, copy)}
        )
        save(type(bundle)(newsletter, bundle.images), args.into)
        print(_("Added a copy of the saved block to the end of {path}.").format(path=args.into))
    elif args.action == "rename":
        library.rename(
            _chosen(args.entry, [(e.id, e.name) for e in library.read().entries]), args.name
        )
    elif args.action == "delete":
        library.delete(_chosen(args.entry, [(e.id, e.name) for e in library.read().entries]))
    elif args.action == "export":
        count = library.export_to(Path(args.output))
        print(
            _("Wrote the library ({count} in all) to {path}.").format(count=count, path=args.output)
        )
    else:
        print(library.import_from(Path(args.source)).sentence())
    return EXIT_OK


def _chosen(wanted: str, items: Sequence[tuple[str, str]]) -> str:
    """The id of the item ``wanted`` names: by id, number (1 = first) or name."""
    from composer.errors import ComposerError

    for item_id, _name in items:
        if wanted == item_id:
            return item_id
    if wanted.isdigit() and 1 <= int(wanted) <= len(items):
        return items[int(wanted) - 1][0]
    named = [item_id for item_id, name in items if name.casefold() == wanted.strip().casefold()]
    if len(named) == 1:
        return named[0]
    raise ComposerError(
        _(
            "There is no single block “{wanted}”: name one by its id, its number (1 to "
            "{count}) or its name."
        ).format(wanted=wanted, count=len(items))
    )


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "sample": _cmd_sample,
    "new": _cmd_new,
    "import": _cmd_import,
    "render": _cmd_render,
    "export": _cmd_export,
    "check": _cmd_check,
    "send": _cmd_send,
    "compact": _cmd_compact,
    "library": _cmd_library,
}


def main(
    argv: Sequence[str] | None = None,
    open_window: Callable[[str | None], int] | None = None,
) -> int:
    """Run the command line; returns the exit status (0 ok, 1 checks failed, 2 bad input).

    Args:
        argv: the arguments (default: the process's).
        open_window: opens the window on a file (or the sample) when no command is given; the
            entry point passes it, so this module stays free of Qt.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    from composer.errors import ComposerError

    try:
        if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
            if len(argv) > 1 or open_window is None:
                _parser().print_usage(sys.stderr)
                print(
                    f"newsletter-composer: error: unknown command {argv[0]!r}; commands: "
                    f"{', '.join(COMMANDS)}"
                    if argv
                    else "newsletter-composer: error: no command given",
                    file=sys.stderr,
                )
                return EXIT_BAD_INPUT
            return open_window(argv[0] if argv else None)
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
        print(
            f"newsletter-composer: internal error ({type(exc).__name__}: {exc}). Please "
            "report it; set NEWSLETTER_COMPOSER_DEBUG=1 to see the details.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
