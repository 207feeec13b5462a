"""python -m outreach.demo"""

import sys

from outreach.demo.run import main

sys.exit(main())
