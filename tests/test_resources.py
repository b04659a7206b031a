"""The resource loader: YAML 1.2 booleans, empty alternations refused, every file valid."""
from __future__ import annotations

import pytest
import regex

from pipeline import resources


def test_resources_words_on_and_no_stay_words(tmp_path, monkeypatch):
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "words.yaml").write_text("words: [on, No, yes, off, y]\nflag: true\n", encoding="utf-8")
    monkeypatch.setattr(resources, "ROOT", tmp_path)
    resources.load.cache_clear()
    try:
        data = resources.load("xx", "words")
    finally:
        resources.load.cache_clear()
    assert data == {"words": ["on", "No", "yes", "off", "y"], "flag": True}


def test_resources_empty_alternation_refused():
    with pytest.raises(resources.ResourceError):
        resources.alternation([])
    with pytest.raises(resources.ResourceError):
        resources.alternation(["a", ""])


def test_resources_alternation_longest_first():
    assert regex.match(resources.alternation(["万", "万亿"]), "万亿").group() == "万亿"


@pytest.mark.parametrize("path", sorted(resources.ROOT.glob("*/*.yaml")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_resources_every_file_loads(path):
    assert resources.load(path.parent.name, path.stem)


@pytest.mark.parametrize("path", sorted(resources.ROOT.glob("*/*.yaml")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_issue_13_c_loader_reads_the_same_data_as_the_python_loader(path):
    """The fast libyaml loader must not change a single value (booleans above all)."""
    import yaml

    class PyLoader(yaml.SafeLoader):
        pass

    PyLoader.yaml_implicit_resolvers = resources._Loader.yaml_implicit_resolvers
    assert resources._Loader.__mro__[1] is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert yaml.load(path.read_bytes(), Loader=resources._Loader) == yaml.load(path.read_text(encoding="utf-8"),
                                                                               Loader=PyLoader)
