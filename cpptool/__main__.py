from cpptool.launch import main

raise SystemExit(main())
