"""``python -m designer`` does what ``nn-designer`` does."""

import sys

from designer.cli import main

sys.exit(main())
