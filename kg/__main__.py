"""``python -m kg``: the command line of ``kg.cli``."""
from .cli import app

if __name__ == "__main__":
    app()
