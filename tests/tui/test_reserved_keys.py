"""Label keys may not take a key the article view binds: the reserved keys are its bindings."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotate.labels import ConfigError, default_config, load_config
from tui.app import AnnotuiApp
from tui.reserved_keys import config_key, reserved_keys
from tui.screens.article_view import ArticleScreen
from tui.widgets.article_text import ArticleText


def test_every_key_of_the_text_the_screen_and_the_app_is_reserved() -> None:
    reserved = reserved_keys()
    for node in (ArticleText, ArticleScreen, AnnotuiApp):
        for key in node._merge_bindings().key_to_bindings:
            assert config_key(key) in reserved, (node.__name__, key)
    for key in ("ctrl+x", "ctrl+p", "ctrl+t", "q", "?", "d", "+", ",", "(", "ctrl+c", "ctrl+q"):
        assert key in reserved, key
    assert reserved["ctrl+x"] == "stop"


def test_the_panels_keys_stay_free_for_labels() -> None:
    reserved = reserved_keys()
    assert not {"r", "t", "e"} & set(reserved)


def test_the_default_label_keys_are_not_reserved() -> None:
    keys = default_config().keys()
    assert keys and not set(keys) & set(reserved_keys())


@pytest.mark.parametrize(("key", "does"), [("ctrl+x", "stop"), ("d", "delete entity")])
def test_a_reserved_key_is_refused_naming_file_line_and_binding(
    tmp_path: Path, key: str, does: str
) -> None:
    user = tmp_path / "user.toml"
    user.write_text(f'[labels.WEAPON]\ncolour = "#b91c1c"\nkey = "{key}"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(user, reserved=reserved_keys)
    assert str(caught.value) == (
        f"{user}:3: label WEAPON: key {key!r} is reserved in the article view ({does})"
    )


def test_the_command_line_refuses_ctrl_x_as_a_label_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main

    user = tmp_path / "user.toml"
    user.write_text('[labels.ORG]\nkey = "ctrl+x"\n', encoding="utf-8")
    monkeypatch.setenv("ANNOTUI_CONFIG", str(user))
    with pytest.raises(SystemExit) as exited:
        main(["--store", str(tmp_path / "store")])
    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert f"{user}:2: label ORG: key 'ctrl+x' is reserved in the article view (stop)" in error
