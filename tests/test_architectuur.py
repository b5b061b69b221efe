"""Dependencies run one way (docs/adr/0005-feature-apps.md): accounts <- opp <- arrangeren,
accounts <- fasenmodel <- arrangeren, and inside arrangeren route <- jeugdhulp, route <- tlv,
with "Mijn werk" (arrangeren.werk) on top, reached only through config.urls.

The contracts are import-linter's, in pyproject.toml ([tool.importlinter]); imports inside
functions count too. These tests run them, and check that no app slips past them.
"""

import subprocess
import sys
from pathlib import Path

from django.apps import apps
from importlinter.api import read_configuration

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"


def root_packages() -> set[str]:
    return set(read_configuration(str(PYPROJECT))["session_options"]["root_packages"])


def test_imports_keep_every_contract():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [lint_imports, "--config", PYPROJECT, "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_project_app_is_under_a_checked_package():
    project_apps = {
        app.name
        for app in apps.get_app_configs()
        if Path(app.path).resolve().is_relative_to(ROOT)
        and "site-packages" not in Path(app.path).parts
    }
    assert project_apps
    unchecked = {name for name in project_apps if name.split(".")[0] not in root_packages()}
    assert not unchecked, f"add to [tool.importlinter] root_packages: {sorted(unchecked)}"


def test_every_code_folder_is_a_package():
    """import-linter skips a folder without __init__.py, and every import in it, silently."""
    missing = sorted(
        str(folder.relative_to(ROOT))
        for package in root_packages()
        for folder in [ROOT / package, *(ROOT / package).rglob("*")]
        if folder.is_dir()
        and "__pycache__" not in folder.parts
        and any(folder.glob("*.py"))
        and not (folder / "__init__.py").exists()
    )
    assert not missing, f"folders without __init__.py: {missing}"
