from pathlib import Path

import pytest

from wizard.domain.profiles import load_profile

TEST_COUNCILS = Path(__file__).resolve().parent / "councils"


@pytest.fixture(scope="session")
def example():
    return load_profile("example")


@pytest.fixture(scope="session")
def kingston():
    return load_profile("kingston")


@pytest.fixture(scope="session")
def lancashire():
    return load_profile("lancashire")


@pytest.fixture(scope="session")
def test_councils() -> Path:
    """The folder of test-only profiles (seeds 001, 002 and 004)."""
    return TEST_COUNCILS


@pytest.fixture(scope="session")
def seed_profile(test_councils):
    """``seed_profile("seed002")`` loads a test-only profile."""

    def load(council_id: str):
        return load_profile(council_id, test_councils)

    return load
