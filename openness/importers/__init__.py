"""Importers: read other formats (Model Openness Tool YAML, European Open Source AI Index YAML,
Hugging Face model cards) into :class:`openness.Descriptor` objects.

Each importer is a submodule with a ``read(path)`` function; YAML support needs the ``import``
extra (``pip install 'openness[import]'``).
"""
