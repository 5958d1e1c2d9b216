"""The data folder as it was at a git revision, for comparing two versions of the framework."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path


class GitError(Exception):
    """A revision or repository problem, in words for the person at the terminal."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(f"{message} — {hint}")


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed", "install git to compare revisions") from None


def repository(path: Path) -> Path:
    """The top folder of the git repository that holds `path`."""
    folder = path if path.is_dir() else path.parent
    result = _git(folder if folder.exists() else Path.cwd(), "rev-parse", "--show-toplevel")
    if result.returncode != 0:
        raise GitError(f"{path.as_posix()} is not in a git repository",
                       "run the command inside the handbook's repository")
    return Path(result.stdout.decode().strip())


def commit(top: Path, revision: str) -> str:
    """The commit a revision names, or a GitError naming the revision."""
    result = _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if result.returncode != 0:
        raise GitError(f"there is no git revision '{revision}'",
                       "give a branch, tag or commit, for example main or HEAD~1")
    return result.stdout.decode().strip()


def export(top: Path, sha: str, folder: Path, target: Path) -> Path | None:
    """Write the data folder as it was at `sha` into `target`; None when it did not exist then."""
    relative = folder.resolve().relative_to(top.resolve()).as_posix()
    listed = _git(top, "ls-tree", "-d", "--name-only", sha, "--", relative)
    if listed.returncode != 0 or not listed.stdout.strip():
        return None
    archive = _git(top, "archive", "--format=tar", sha, "--", relative)
    if archive.returncode != 0:
        raise GitError(f"git could not read {relative} at {sha[:12]}", archive.stderr.decode().strip())
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target / relative
