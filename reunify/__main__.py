from reunify.cli import main

main()
