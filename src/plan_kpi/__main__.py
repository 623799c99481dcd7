from plan_kpi.cli import run

run()
