"""``python -m openness``: the command line."""

from openness._cli.main import main

raise SystemExit(main())
