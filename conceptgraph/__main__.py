from conceptgraph.cli import main

main()
