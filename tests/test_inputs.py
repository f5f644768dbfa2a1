"""What a build reads and a query checks: the article files under a folder, named and ordered as ``os.walk`` goes."""
from __future__ import annotations

import os
from pathlib import Path

from graph.inputs import find_inputs


def test_a_folder_is_walked_files_first_in_name_order_skipping_hidden_and_linked_folders(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    for name in ("b.txt", "a.md", "Z.TXT", "x.pdf", "README.txt", ".hidden.txt", "sub/deep/d.html", "sub/c.txt",
                 "Sub2/e.txt", ".git/f.txt", "dot.dir.txt/g.txt"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("文章", encoding="utf-8")
    os.symlink(root / "sub", root / "linked")  # a link to a folder is not followed
    os.symlink(root / "b.txt", root / "alias.txt")  # a link to a file is read
    os.symlink(root / "nowhere.txt", root / "gone.txt")
    os.mkfifo(root / "pipe.txt")
    found = find_inputs([root])
    assert [s.name for s in found.sources] == ["Z.TXT", "a.md", "alias.txt", "b.txt", "Sub2/e.txt",
                                               "dot.dir.txt/g.txt", "sub/c.txt", "sub/deep/d.html"]
    assert all(s.path == root / s.name for s in found.sources)
    assert found.skipped == ["README.txt", "x.pdf"]
    assert found.broken == [f"gone.txt: a link to {root / 'nowhere.txt'}, which does not exist",
                            "pipe.txt: not a regular file"]
    two = find_inputs([root / "sub", root / "Sub2"])  # several roots: each name begins with its root's
    assert [s.name for s in two.sources] == ["sub/c.txt", "sub/deep/d.html", "Sub2/e.txt"]
