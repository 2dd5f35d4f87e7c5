from xixia_map.cli.main import main

raise SystemExit(main())
