import glob
import os
import subprocess
import sys
import sysconfig
import tempfile
import unittest
import zipfile

import odoo
from odoo.modules.module import get_manifest, get_module_path
from odoo.tests import TransactionCase, tagged

MODULE = "hr_burnout_prevention"
PREFIX = f"odoo/addons/{MODULE}/"
# The checkout's own machinery and what tools leave behind: never packed.
FORBIDDEN = {".venv", ".local", ".git", "dist", "__pycache__", ".hypothesis"}
# Odoo starts the way the server does, with no configuration file and no
# addons path given (parse_config hooks the default addons path onto
# odoo.addons), then the addon is imported and looked up.
IMPORT_CHECK = f"""
import sys
import odoo
from odoo.modules.module import get_module_path
odoo.tools.config.parse_config(["--data-dir", sys.argv[1]], setup_logging=False)
import odoo.addons.{MODULE} as addon
print(odoo.__file__)
print(addon.__file__)
print(get_module_path("{MODULE}"))
"""


def _run(cmd, **kwargs):
    return subprocess.run(
        cmd, capture_output=True, text=True, timeout=600, check=False, **kwargs
    )


@tagged("post_install", "-at_install")
class TestWheel(TransactionCase):
    """The README's way to install with pip: `make wheel` builds a wheel of
    the addon and nothing else, and in an environment where Odoo is installed
    with pip the addon imports from it, with no addons path given."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.root = os.path.realpath(get_module_path(MODULE))
        try:
            top = _run(["git", "-C", cls.root, "rev-parse", "--show-toplevel"])
        except FileNotFoundError:
            top = None
        if not top or top.stdout.strip() != cls.root:
            raise unittest.SkipTest("the wheel is built from the addon's git checkout")
        tmp = tempfile.TemporaryDirectory(prefix=f"{MODULE}_wheel_")
        cls.addClassCleanup(tmp.cleanup)
        cls.tmp = os.path.realpath(tmp.name)
        # The Odoo that runs these tests, whatever ODOO_SRC says.
        cls.odoo_src = os.path.dirname(os.path.dirname(os.path.realpath(odoo.__file__)))
        # Built once for both tests, into a folder of the test's own.
        cls.dist = os.path.join(cls.tmp, "dist")
        cls.build = _run(
            ["bash", os.path.join(cls.root, "tools", "dev.sh"), "wheel", cls.dist],
            env=dict(os.environ, ODOO_SRC=cls.odoo_src),
        )

    def _wheel(self):
        self.assertEqual(self.build.returncode, 0, self.build.stderr)
        wheels = glob.glob(os.path.join(self.dist, "*.whl"))
        self.assertEqual(len(wheels), 1, wheels)
        return wheels[0]

    def test_wheel_holds_the_addon_and_nothing_else(self):
        wheel = self._wheel()
        manifest = get_manifest(MODULE)
        name, version = os.path.basename(wheel).split("-")[:2]
        self.assertEqual(name, f"odoo_addon_{MODULE}")
        # whool's version: the manifest's, then .N commits since it was set.
        self.assertRegex(version, rf"^{manifest['version']}(\.\d+)?$")
        with zipfile.ZipFile(wheel) as archive:
            names = set(archive.namelist())
        expected = {
            "__init__.py",
            "__manifest__.py",
            "i18n/nl.po",
            "i18n/fr.po",
            f"i18n/{MODULE}.pot",
            "static/description/icon.png",
            *manifest["data"],
            *(
                os.path.relpath(path, self.root)
                for path in glob.glob(os.path.join(self.root, "models", "*.py"))
            ),
        }
        self.assertGreater(len(manifest["data"]), 10)
        self.assertFalse(
            sorted(f for f in expected if PREFIX + f not in names),
            "missing from the wheel (not tracked by git?)",
        )
        dist_info = f"odoo_addon_{MODULE}-{version}.dist-info/"
        self.assertIn(dist_info + "METADATA", names)
        self.assertFalse(
            sorted(
                n
                for n in names
                if not n.startswith((PREFIX, dist_info))
                or FORBIDDEN & set(n.split("/"))
                or n.endswith(".pyc")
            )
        )

    def test_addon_imports_from_the_wheel(self):
        wheel = self._wheel()
        venv = os.path.join(self.tmp, "venv")
        result = _run([sys.executable, "-m", "venv", "--without-pip", venv])
        self.assertEqual(result.returncode, 0, result.stderr)
        python = os.path.join(venv, "bin", "python")
        site = _run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
        ).stdout.strip()
        # Odoo's requirements (and pip) from the test virtualenv, but not its
        # odoo-src.pth: a folder named in a .pth file is not searched for
        # further .pth files.
        paths = dict.fromkeys(sysconfig.get_paths()[k] for k in ("purelib", "platlib"))
        with open(os.path.join(site, "test-venv.pth"), "w") as pth:
            pth.write("".join(f"{path}\n" for path in paths))
        # `pip install -e` writes odoo.egg-info into the tree it installs:
        # install a tree of links to the Odoo source, which stays untouched.
        src = os.path.join(self.tmp, "odoo-src")
        os.mkdir(src)
        for entry in os.listdir(self.odoo_src):
            if not entry.endswith(".egg-info"):
                os.symlink(os.path.join(self.odoo_src, entry), os.path.join(src, entry))
        env = {
            k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ODOO_RC")
        }
        env.update(HOME=self.tmp, PYTHONDONTWRITEBYTECODE="1")
        pip = [python, "-m", "pip", "install", "-q", "--no-index", "--no-deps"]
        for args in (["--no-build-isolation", "-e", src], [wheel]):
            result = _run([*pip, *args], env=env, cwd=self.tmp)
            self.assertEqual(result.returncode, 0, result.stderr)
        data_dir = os.path.join(self.tmp, "data")
        result = _run([python, "-c", IMPORT_CHECK, data_dir], env=env, cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)
        odoo_file, addon_file, module_path = result.stdout.splitlines()[-3:]
        # Odoo from its pip install, the addon from the wheel's files.
        self.assertEqual(odoo_file, os.path.join(src, "odoo", "__init__.py"))
        addon_dir = os.path.join(site, "odoo", "addons", MODULE)
        self.assertEqual(addon_file, os.path.join(addon_dir, "__init__.py"))
        self.assertEqual(module_path, addon_dir)
