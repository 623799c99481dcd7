from plan_kpi.cli.start import run

run()
