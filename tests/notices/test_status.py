"""notice_status: the sheet on the wall is current only when it shows the latest public content."""

from __future__ import annotations

import pytest

from readiness.notices.status import CURRENT, NEVER, STALE, notice_status


def test_notice_status_never_posted_is_never():
    assert notice_status(1, None) == NEVER


@pytest.mark.parametrize("version", [1, 2, 7])
def test_notice_status_sheet_of_the_current_version_is_current(version):
    assert notice_status(version, version) == CURRENT


@pytest.mark.parametrize("posted, content", [(1, 2), (6, 7), (1, 7)])
def test_notice_status_sheet_of_an_older_version_is_stale(posted, content):
    assert notice_status(content, posted) == STALE
