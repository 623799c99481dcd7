from plan_kpi.cli.app import run

run()
