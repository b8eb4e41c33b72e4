from cardlint.cli import run

run()
