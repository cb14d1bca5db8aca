"""``python -m openness``: the command line."""

from openness._cli import main

raise SystemExit(main())
