from plan_kpi.cli import main

main()
