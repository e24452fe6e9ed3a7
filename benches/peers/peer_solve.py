"""Solve one model file with one peer solver for a time limit; print what it found.

Used by benches/peers/run (not by kopa itself). Prints one JSON object on stdout:
solver, status, objective and bound as the solver reports them (its own numbers:
kopa's checker values the point again), seconds taken. With --point FILE, writes the
best point as `column value` lines for `kopa import-point`.
"""

import argparse
import json
import math
import sys
import time


def solve_highs(path, seconds, threads):
    import highspy

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(seconds))
    h.setOptionValue("threads", threads)
    h.setOptionValue("random_seed", 0)
    h.readModel(path)
    h.run()
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus())
    names = h.getLp().col_names_
    point = None
    if info.primal_solution_status == 2:  # feasible
        point = dict(zip(names, h.getSolution().col_value))
    objective = info.objective_function_value if point is not None else None
    return status, objective, info.mip_dual_bound, point


def solve_scip(path, seconds, threads):
    import pyscipopt

    m = pyscipopt.Model()
    m.hideOutput()
    m.readProblem(path)
    m.setParam("limits/time", float(seconds))
    m.setParam("randomization/randomseedshift", 0)
    m.optimize()
    status = m.getStatus()
    point = None
    if m.getNSols() > 0:
        best = m.getBestSol()
        point = {v.name: m.getSolVal(best, v) for v in m.getVars()}
    objective = m.getPrimalbound() if point is not None else None
    return status, objective, m.getDualbound(), point


def solve_cpsat(path, seconds, threads):
    from ortools.linear_solver.python import model_builder as mb

    model = mb.Model()
    if path.endswith(".mps"):
        model.import_from_mps_file(path)
    else:
        model.import_from_lp_file(path)
    solver = mb.Solver("sat")
    solver.set_time_limit_in_seconds(float(seconds))
    solver.set_solver_specific_parameters(f"num_workers:{threads} random_seed:0")
    status = solver.solve(model)
    point = None
    objective = None
    if status in (mb.SolveStatus.OPTIMAL, mb.SolveStatus.FEASIBLE):
        variables = model.get_variables()
        values = solver.values(variables)
        point = {v.name: float(x) for v, x in zip(variables, values)}
        objective = solver.objective_value
    return status.name, objective, solver.best_objective_bound, point


SOLVERS = {"highs": solve_highs, "scip": solve_scip, "cp-sat": solve_cpsat}


def finite(x):
    """A number a solver reports, or None for none (None, NaN, pandas' NA, infinite)."""
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) and abs(x) < 1e30 else None


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("solver", choices=sorted(SOLVERS))
    parser.add_argument("model", help="an .lp or .mps file from kopa export-model")
    parser.add_argument("seconds", type=float)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--point", help="write the best point here")
    args = parser.parse_args()
    start = time.monotonic()
    status, objective, bound, point = SOLVERS[args.solver](
        args.model, args.seconds, args.threads
    )
    seconds = time.monotonic() - start
    if args.point and point is not None:
        with open(args.point, "w") as out:
            out.write(f"# {args.solver} on {args.model}, {seconds:.1f} s\n")
            for name, value in point.items():
                if value != 0.0:
                    out.write(f"{name} {value!r}\n")
    json.dump(
        {
            "solver": args.solver,
            "status": str(status),
            "objective": finite(objective),
            "bound": finite(bound),
            "seconds": round(seconds, 1),
            "point": args.point if point is not None else None,
        },
        sys.stdout,
    )
    print()


if __name__ == "__main__":
    main()
