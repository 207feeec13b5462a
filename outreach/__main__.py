from outreach.cli.main import main

main()
