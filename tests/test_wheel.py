"""The wheel carries its templates and sample: install it in a fresh venv and use it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_installed_wheel_writes_and_renders_the_sample(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    # Build from a clean copy: setuptools reuses a build/ folder, and files deleted from the
    # source could otherwise linger in the wheel and hide a missing template.
    source = tmp_path / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv*",
            "build",
            "dist",
            "*.egg-info",
            "__pycache__",
            ".*_cache",
            ".hypothesis",
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(dist),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("newsletter_composer-*.whl")
    env_dir = tmp_path / "venv"
    # The test venv sees this venv's packages, so only the wheel itself is installed.
    venv.EnvBuilder(system_site_packages=False, with_pip=False).create(env_dir)
    site = subprocess.run(
        [
            str(env_dir / "bin" / "python"),
            "-c",
            "import sysconfig; print(sysconfig.get_path('purelib'))",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    here = [p for p in sys.path if p.endswith("site-packages")]
    Path(site, "parent-site.pth").write_text("\n".join(here) + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--target",
            site,
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    work = tmp_path / "elsewhere"  # not the source tree: nothing may come from the checkout
    work.mkdir()
    python = str(env_dir / "bin" / "python")
    env = {**os.environ, "PYTHONPATH": ""}
    run = [python, "-c", "import sys; from composer.cli import main; sys.exit(main())"]
    where = subprocess.run(
        [python, "-c", "import composer; print(composer.__file__)"],
        cwd=work,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert str(ROOT) not in where and site in where
    subprocess.run([*run, "sample", "-o", "s.newsletter"], cwd=work, env=env, check=True)
    subprocess.run([*run, "render", "s.newsletter", "-o", "s.html"], cwd=work, env=env, check=True)
    html = (work / "s.html").read_text(encoding="utf-8")
    assert "Planet" in html and "Mikael Janson" in html
    # The subpackages ship too (a package left out of pyproject's list is missing here only).
    checked = subprocess.run(
        [*run, "check", "s.newsletter"], cwd=work, env=env, check=True, capture_output=True
    ).stdout
    # The spelling dictionaries came with the install: no tip that they are missing.
    assert b"No problems found" in checked
    # The user guide and its pictures, where Help → User Guide looks for them.
    guide = Path(site, "composer", "resources", "guide")
    assert {"guide.en.md", "guide.sv.md"} <= {path.name for path in guide.iterdir()}
    assert sorted(path.name for path in guide.glob("images/window.*.png")) == [
        "window.en.png",
        "window.sv.png",
    ]
