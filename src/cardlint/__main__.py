from cardlint.cli.main import run

run()
