"""Importers: read other formats into :class:`openness.Descriptor` objects.

The formats: Model Openness Tool YAML, European Open Source AI Index YAML, Hugging Face model cards.

Each importer is a submodule with a ``read(path)`` function; YAML support needs the ``import``
extra (``pip install 'openness[import]'``).
"""
