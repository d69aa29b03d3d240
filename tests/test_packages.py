"""Every package of the project imports, and says what it is for."""

import importlib

import pytest


@pytest.mark.parametrize("name", ["extract", "pipeline", "dashboard"])
def test_package_imports_with_a_docstring(name):
    module = importlib.import_module(name)
    assert module.__doc__ and len(module.__doc__.split()) > 5
