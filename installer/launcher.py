"""Entry point of the frozen app: the same CLI as `xixia-map`."""
import sys

from xixia_map.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
