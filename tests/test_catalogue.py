"""The catalogue of real models: every descriptor valid, every fact sourced."""

from __future__ import annotations

import pytest

import openness
from openness import DescriptorError, catalogue


def test_at_least_five_models() -> None:
    """The catalogue ships at least five real models."""
    assert len(catalogue.ids()) >= 5


@pytest.mark.parametrize("model_id", catalogue.ids())
def test_descriptor_is_valid_and_sourced(model_id: str) -> None:
    """Each descriptor loads, its id matches its file, facts carry https sources, and it says when it was checked."""
    descriptor = catalogue.load(model_id)
    assert descriptor.id == model_id
    assert descriptor.model.checked
    assert descriptor.model.sources
    urls = list(descriptor.model.sources)
    for key, component in descriptor.components.items():
        assert component.sources or descriptor.model.sources, key
        urls += component.sources
        if component.unsure:
            assert component.notes, f"{key} is marked unsure without a note saying why"
    assert all(url.startswith("https://") for url in urls)


@pytest.mark.parametrize("model_id", catalogue.ids())
def test_licences_in_catalogue_are_all_recognised(model_id: str) -> None:
    """Every licence string in the catalogue reads without warnings."""
    for key, component in catalogue.load(model_id).components.items():
        if component.licence is not None:
            reading = openness.licences.read(component.licence)
            assert reading.known, (key, reading.warnings)


def test_search_and_all() -> None:
    """search() matches id, name or organisation; all() returns every descriptor."""
    assert [d.id for d in catalogue.search("OLMO")] == ["olmo-7b"]
    assert [d.id for d in catalogue.all()] == catalogue.ids()


def test_unknown_id() -> None:
    """An unknown catalogue id is a DescriptorError with a suggestion."""
    with pytest.raises(DescriptorError, match=r"no catalogue model 'olmo' \(did you mean 'olmo-7b'\?\)"):
        catalogue.load("olmo")
