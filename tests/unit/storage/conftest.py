from tests.conftest import PASSPHRASE, TODAY  # noqa: F401 - imported by the tests of this folder
