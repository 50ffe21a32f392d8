from cpptool.cli import main

raise SystemExit(main())
