"""``python -m composer``: the same as the ``newsletter-composer`` command."""

import sys

from composer.main import main

sys.exit(main())
