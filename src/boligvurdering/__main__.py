from boligvurdering.cli.main import main

raise SystemExit(main())
