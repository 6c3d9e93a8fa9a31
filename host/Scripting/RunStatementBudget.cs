using Jint;
using Jint.Runtime;

namespace VideoBot.Host.Scripting;

/// <summary>
/// A statement limit for the whole run. Jint's own <c>MaxStatements</c> resets at every entry into the engine, and an async
/// script re-enters once per settled await, so a script could spread an unbounded amount of work over many awaits.
/// This budget never resets: one engine serves exactly one run.
/// </summary>
internal sealed class RunStatementBudget(int maxStatements) : Constraint
{
    private long _executed;

    public int MaxStatements { get; } = maxStatements;

    public override void Check()
    {
        if (++_executed > MaxStatements)
        {
            throw new StatementsCountOverflowException();
        }
    }

    public override void Reset()
    {
        // Deliberately empty: see the class remarks.
    }
}
