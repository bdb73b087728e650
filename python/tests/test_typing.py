"""The package's types: mypy --strict accepts the examples and catches
mistakes; the stubs of the native module match it; ruff is clean."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import genesiscloud
from genesiscloud import _native

PACKAGE_ROOT = Path(__file__).resolve().parents[1]


def mypy(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), *args],
        capture_output=True,
        text=True,
        cwd=PACKAGE_ROOT,
        check=False,
    )


@pytest.fixture(scope="module")
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("mypy-cache")


def test_mypy_accepts_the_examples(mypy_cache: Path) -> None:
    result = mypy("examples", cache=mypy_cache)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_flags_a_misspelled_attribute(tmp_path: Path, mypy_cache: Path) -> None:
    script = tmp_path / "typo.py"
    script.write_text(
        "import genesiscloud\n"
        "client = genesiscloud.Client()\n"
        "instance = client.instances.get('x')\n"
        "print(instance.nmae)\n"
    )
    result = mypy(str(script), cache=mypy_cache)
    assert result.returncode == 1
    assert 'has no attribute "nmae"' in result.stdout


def test_mypy_knows_wait_until_and_models(tmp_path: Path, mypy_cache: Path) -> None:
    script = tmp_path / "wrong.py"
    script.write_text(
        "import genesiscloud\n"
        "client = genesiscloud.Client()\n"
        "gone = client.volumes.wait_until('x', 'deleted')\n"
        "print(gone.name)\n"
        "size: str = client.volumes.get('x').size\n"
        "client.instances.create(name='a', hostname='a', type='t', image='i')\n"
    )
    result = mypy(str(script), cache=mypy_cache)
    assert result.returncode == 1
    assert '"None" has no attribute "name"' in result.stdout
    assert 'expression has type "int", variable has type "str"' in result.stdout
    assert 'Missing named argument "region"' in result.stdout


def test_every_annotated_model_field_is_readable() -> None:
    models = [getattr(genesiscloud, name) for name in genesiscloud.__all__]
    models = [m for m in models if isinstance(m, type) and issubclass(m, genesiscloud.Model)]
    assert len(models) > 15
    for model in models:
        for name in model.__annotations__:
            if not name.startswith("_"):
                assert isinstance(model.__dict__[name], _native.Field), f"{model.__name__}.{name}"


def test_native_stub_matches_the_module() -> None:
    stub = ast.parse((Path(genesiscloud.__file__).parent / "_native.pyi").read_text())
    for node in stub.body:
        if isinstance(node, ast.ClassDef):
            cls = getattr(_native, node.name)
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name != "__init__":
                    assert hasattr(cls, item.name), f"{node.name}.{item.name}"
        elif isinstance(node, ast.FunctionDef):
            assert hasattr(_native, node.name), node.name


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "."],
        capture_output=True,
        text=True,
        cwd=PACKAGE_ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout
