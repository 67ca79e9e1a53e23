using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coordination.Workflow.Definitions;
using Coordination.Workflow.Expressions;

namespace Coordination.Workflow.Engine;

/// <summary>Why a stimulus was not applied.</summary>
public enum Rejection
{
    /// <summary>Applied.</summary>
    None,

    /// <summary>The bookmark is gone: the task was already completed, the timer already fired, the branch was cancelled.</summary>
    BookmarkNotFound,

    /// <summary>The instance is not in a state for this (ended, not faulted, nobody waits for the signal).</summary>
    NotApplicable,

    /// <summary>The stimulus itself is wrong (e.g. an outcome the task does not have).</summary>
    InvalidInput,
}

/// <summary>The engine's answer: the new state, what the host must do, and the journal lines to append.</summary>
internal sealed record EngineResult(WorkflowState State, IReadOnlyList<WorkflowEffect> Effects, IReadOnlyList<JournalRecord> Journal, Rejection Rejection, string? Message)
{
    public bool Applied => Rejection == Rejection.None;
}

/// <summary>
/// The workflow engine as a pure function: (definition, state, stimulus, now) → (new state, effects, journal). It
/// never blocks, never does I/O and never reads the clock or a random source: ids come from a counter in the state,
/// so the same input always gives the same output. Waiting is a bookmark in the returned state.
/// </summary>
internal sealed class WorkflowEngine(ExpressionEvaluator expressions)
{
    /// <summary>Activities one stimulus may execute before the engine assumes an endless loop without a wait.</summary>
    public const int MaxActivitiesPerStimulus = 10_000;

    public const string SystemActor = "system";

    public EngineResult Start(WorkflowDefinition definition, Guid instanceId, JsonObject input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var state = new WorkflowState
        {
            InstanceId = instanceId,
            DefinitionId = definition.DefinitionId,
            DefinitionVersion = definition.Version,
            Status = WorkflowStatus.Running,
            Input = (JsonObject)input.DeepClone(),
        };
        foreach (var variable in definition.Variables)
        {
            state.Variables[variable.Name] = variable.Default?.DeepClone();
        }

        var run = new Run(this, definition, state, now, SystemActor);
        run.Begin();
        return run.Result(Rejection.None, null);
    }

    public EngineResult Execute(WorkflowDefinition definition, WorkflowState current, Stimulus stimulus, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(stimulus);
        var actor = stimulus switch
        {
            TaskCompletedStimulus t => t.Actor,
            SignalStimulus s => s.Actor,
            CancelStimulus c => c.Actor,
            RetryStimulus r => r.Actor,
            _ => SystemActor,
        };
        var run = new Run(this, definition, current.Clone(), now, actor);
        var (rejection, message) = run.Apply(stimulus);
        return rejection == Rejection.None ? run.Result(rejection, null) : new EngineResult(current, [], [], rejection, message);
    }

    /// <summary>An activity could not run; becomes an incident.</summary>
    private sealed class ActivityFault(string message) : Exception(message);

    private sealed class Run(WorkflowEngine engine, WorkflowDefinition definition, WorkflowState state, DateTimeOffset now, string actor)
    {
        private readonly DefinitionIndex _index = DefinitionIndex.For(definition);
        private readonly List<WorkflowEffect> _effects = [];

        // The cancellation of the whole instance under way, while its tokens are cancelled; null otherwise.
        private CancelStimulus? _cancelling;
        private readonly List<JournalRecord> _journal = [];

        private WorkflowState S => state;

        public EngineResult Result(Rejection rejection, string? message) => new(state, _effects, _journal, rejection, message);

        public void Begin()
        {
            var root = new Scope(NewId(), null, null, null, null, null, 0);
            S.Scopes.Add(root);
            Journal(null, "Started", definition.Key);
            var entry = definition.Flowchart.Entry ?? throw new InvalidOperationException($"{definition.Key} has no entry activity.");
            S.Tokens.Add(new Token(NewId(), root.Id, entry.Id, TokenState.Ready));
            Loop();
        }

        public (Rejection, string?) Apply(Stimulus stimulus)
        {
            if (S.Status is WorkflowStatus.Completed or WorkflowStatus.Cancelled)
            {
                return (stimulus is TaskCompletedStimulus or TimerElapsedStimulus or ChildCompletedStimulus or StepCompletedStimulus ? Rejection.BookmarkNotFound : Rejection.NotApplicable,
                    $"The workflow has already ended ({S.Status.ToString().ToLowerInvariant()}).");
            }

            var rejection = stimulus switch
            {
                TaskCompletedStimulus t => CompleteTask(t),
                TimerElapsedStimulus t => ElapseTimer(t),
                SignalStimulus s => ReceiveSignal(s),
                ChildCompletedStimulus c => CompleteChild(c),
                StepCompletedStimulus s => CompleteStep(s),
                StepFailedStimulus f => FailStep(f),
                CancelStimulus c => Cancel(c),
                RetryStimulus => Retry(),
                _ => (Rejection.InvalidInput, $"Unknown stimulus {stimulus.GetType().Name}."),
            };
            if (rejection.Item1 == Rejection.None)
            {
                Loop();
            }

            return rejection;
        }

        private (Rejection, string?) CompleteTask(TaskCompletedStimulus stimulus)
        {
            var bookmark = Find(stimulus.BookmarkId, BookmarkKind.Task);
            if (bookmark is null)
            {
                return (Rejection.BookmarkNotFound, "This task is no longer open: it was already completed or withdrawn.");
            }

            var task = (HumanTaskActivity)_index.Activity(bookmark.ActivityId);
            if (!task.Outcomes.Contains(stimulus.Outcome))
            {
                return (Rejection.InvalidInput, $"'{stimulus.Outcome}' is not an outcome of this task; choose one of: {string.Join(", ", task.Outcomes)}.");
            }

            foreach (var (variable, field) in task.Outputs)
            {
                S.Variables[variable] = stimulus.Data?[field]?.DeepClone();
            }

            RemoveBookmark(bookmark);
            foreach (var escalation in S.Bookmarks.Where(b => b.Kind == BookmarkKind.Escalation && b.TaskId == bookmark.Id).ToList())
            {
                RemoveBookmark(escalation);
                _effects.Add(new CancelTimerEffect(escalation.Id));
            }

            Journal(task.Id, "Resumed", stimulus.Outcome);
            Continue(TokenOf(bookmark), stimulus.Outcome);
            return (Rejection.None, null);
        }

        private (Rejection, string?) ElapseTimer(TimerElapsedStimulus stimulus)
        {
            var bookmark = S.Bookmarks.FirstOrDefault(b => b.Id == stimulus.BookmarkId && b.Kind is BookmarkKind.Timer or BookmarkKind.Escalation);
            if (bookmark is null)
            {
                return (Rejection.BookmarkNotFound, "This timer has already fired or was cancelled.");
            }

            RemoveBookmark(bookmark);
            var token = TokenOf(bookmark);
            if (bookmark.Kind == BookmarkKind.Escalation)
            {
                var task = (HumanTaskActivity)_index.Activity(bookmark.ActivityId);
                try
                {
                    var role = Resolve(task.Escalation!.Role, token, "escalation.role");
                    var agency = task.Escalation.Agency is null ? null : Resolve(task.Escalation.Agency, token, "escalation.agency");
                    _effects.Add(new EscalateTaskEffect(bookmark.TaskId!.Value, task.Id, role, agency));
                    Journal(task.Id, "Escalated", role);
                }
                catch (Exception ex) when (ex is ExpressionException or ActivityFault)
                {
                    Fault(task.Id, ex.Message, token.Id);
                }

                return (Rejection.None, null);
            }

            Journal(bookmark.ActivityId, "Resumed", "timer");
            Continue(token, ActivityDefinition.DonePort);
            return (Rejection.None, null);
        }

        private (Rejection, string?) ReceiveSignal(SignalStimulus stimulus)
        {
            var waiting = S.Bookmarks.Where(b => b.Kind == BookmarkKind.Signal && b.Name == stimulus.Signal).ToList();
            if (waiting.Count == 0)
            {
                return (Rejection.NotApplicable, $"Nothing in this workflow waits for the signal '{stimulus.Signal}'.");
            }

            foreach (var bookmark in waiting)
            {
                var activity = (WaitForSignalActivity)_index.Activity(bookmark.ActivityId);
                if (activity.OutputVariable is not null)
                {
                    S.Variables[activity.OutputVariable] = stimulus.Payload?.DeepClone();
                }

                RemoveBookmark(bookmark);
                Journal(activity.Id, "Resumed", stimulus.Signal);
                Continue(TokenOf(bookmark), ActivityDefinition.DonePort);
            }

            return (Rejection.None, null);
        }

        private (Rejection, string?) CompleteChild(ChildCompletedStimulus stimulus)
        {
            var bookmark = S.Bookmarks.FirstOrDefault(b => b.Id == stimulus.BookmarkId && b.Kind == BookmarkKind.Child && !b.Done);
            if (bookmark is null)
            {
                return (Rejection.BookmarkNotFound, "This child workflow was already accounted for.");
            }

            var outputs = (JsonObject)stimulus.Outputs.DeepClone();
            ReplaceBookmark(bookmark, bookmark with { Done = true, Result = outputs });
            Journal(bookmark.ActivityId, "ChildCompleted", stimulus.Outcome);
            var siblings = S.Bookmarks.Where(b => b.Kind == BookmarkKind.Child && b.TokenId == bookmark.TokenId).ToList();
            if (siblings.All(b => b.Done))
            {
                var sub = (SubWorkflowActivity)_index.Activity(bookmark.ActivityId);
                MapChildOutputs(sub, siblings);
                foreach (var sibling in siblings)
                {
                    RemoveBookmark(sibling);
                }

                Continue(TokenOf(bookmark), ActivityDefinition.DonePort);
            }

            return (Rejection.None, null);
        }

        private void MapChildOutputs(SubWorkflowActivity sub, List<Bookmark> children)
        {
            foreach (var (variable, output) in sub.Outputs)
            {
                S.Variables[variable] = sub.Items is null
                    ? children.Single().Result?[output]?.DeepClone()
                    : new JsonArray([.. children.OrderBy(c => c.Index).Select(c => c.Result?[output]?.DeepClone())]);
            }
        }

        private (Rejection, string?) CompleteStep(StepCompletedStimulus stimulus)
        {
            var bookmark = Find(stimulus.BookmarkId, BookmarkKind.Step);
            if (bookmark is null)
            {
                return (Rejection.BookmarkNotFound, "This step was already completed.");
            }

            var step = (StepActivity)_index.Activity(bookmark.ActivityId);
            if (!step.Outcomes.Contains(stimulus.Outcome))
            {
                // As for a failed step: the token goes back to Ready at the step, so that a retry runs it again.
                RemoveBookmark(bookmark);
                var waiting = TokenOf(bookmark);
                Replace(waiting, waiting with { State = TokenState.Ready });
                Fault(step.Id, $"The step '{step.StepKey}' answered '{stimulus.Outcome}', which is not one of its outcomes ({string.Join(", ", step.Outcomes)}).", bookmark.TokenId);
                return (Rejection.None, null);
            }

            foreach (var (variable, name) in step.Outputs)
            {
                S.Variables[variable] = stimulus.Outputs[name]?.DeepClone();
            }

            RemoveBookmark(bookmark);
            Continue(TokenOf(bookmark), stimulus.Outcome);
            return (Rejection.None, null);
        }

        private (Rejection, string?) FailStep(StepFailedStimulus stimulus)
        {
            var bookmark = Find(stimulus.BookmarkId, BookmarkKind.Step);
            if (bookmark is null)
            {
                return (Rejection.BookmarkNotFound, "This step was already completed.");
            }

            // The token goes back to Ready at the step, so a retry runs the step again.
            RemoveBookmark(bookmark);
            var token = TokenOf(bookmark);
            Replace(token, token with { State = TokenState.Ready });
            Fault(bookmark.ActivityId, stimulus.Message, token.Id);
            return (Rejection.None, null);
        }

        private (Rejection, string?) Cancel(CancelStimulus stimulus)
        {
            // The children stop for the same reason and by the same hand: their journals say so.
            _cancelling = stimulus;
            foreach (var token in S.Tokens.ToList())
            {
                CancelToken(token, continueOwner: false);
            }

            _cancelling = null;

            S.Status = WorkflowStatus.Cancelled;
            S.Incident = null;
            _effects.Add(new WorkflowCancelledEffect(stimulus.Reason));
            Journal(null, "Cancelled", stimulus.Reason);
            return (Rejection.None, null);
        }

        private (Rejection, string?) Retry()
        {
            if (S.Status != WorkflowStatus.Faulted)
            {
                return (Rejection.NotApplicable, "Only a workflow stopped at an incident can be retried.");
            }

            Journal(S.Incident?.ActivityId, "Retried", S.Incident?.Message);
            S.Status = WorkflowStatus.Running;
            S.Incident = null;
            return (Rejection.None, null);
        }

        private void Loop()
        {
            var executed = 0;
            while (S.Status == WorkflowStatus.Running)
            {
                var token = S.Tokens.FirstOrDefault(t => t.State == TokenState.Ready);
                if (token is null)
                {
                    if (FireSatisfiedJoin())
                    {
                        continue;
                    }

                    break;
                }

                if (++executed > MaxActivitiesPerStimulus)
                {
                    Fault(token.ActivityId, $"The workflow ran {MaxActivitiesPerStimulus} activities without waiting; check the flowchart for an endless loop.", token.Id);
                    break;
                }

                try
                {
                    ExecuteActivity(token);
                }
                catch (Exception ex) when (ex is ExpressionException or ActivityFault)
                {
                    Fault(token.ActivityId, ex.Message, token.Id);
                }
            }

            if (S.Status == WorkflowStatus.Running && S.Tokens.Count == 0)
            {
                Complete(null);
            }
        }

        private void ExecuteActivity(Token token)
        {
            switch (_index.Activity(token.ActivityId))
            {
                case StartActivity:
                    Continue(token, ActivityDefinition.DonePort);
                    break;
                case EndActivity end:
                    ReachEnd(token, end);
                    break;
                case HumanTaskActivity task:
                    CreateTask(token, task);
                    break;
                case DecisionActivity decision:
                    Continue(token, Condition(decision.Condition, token, "condition") ? DecisionActivity.TruePort : DecisionActivity.FalsePort);
                    break;
                case SwitchActivity sw:
                    Continue(token, sw.Cases.FirstOrDefault(c => Condition(c.Condition, token, $"cases.{c.Port}"))?.Port ?? SwitchActivity.DefaultPort);
                    break;
                case ForkActivity fork:
                    Fan(token, _index.FlowchartOf(fork.Id).From(fork.Id).Select(c => c.Target).Distinct().ToList(), "fork");
                    break;
                case JoinActivity join:
                    Arrive(token, join);
                    break;
                case ParallelForEachActivity each:
                    StartIterations(token, each);
                    break;
                case SubWorkflowActivity sub:
                    StartChildren(token, sub);
                    break;
                case TimerActivity timer:
                    StartTimer(token, timer);
                    break;
                case WaitForSignalActivity wait:
                    Wait(token, new Bookmark { Id = NewId(), Kind = BookmarkKind.Signal, ActivityId = wait.Id, TokenId = token.Id, Name = wait.Signal }, wait.Signal);
                    break;
                case SetVariableActivity set:
                    S.Variables[set.Variable] = Evaluate(set.Value, token, "value");
                    Continue(token, ActivityDefinition.DonePort);
                    break;
                case MilestoneActivity milestone:
                    S.Milestones.Add(new MilestoneRecord(milestone.Name, milestone.Id, now));
                    _effects.Add(new MilestoneReachedEffect(milestone.Name, milestone.Id, now));
                    Continue(token, ActivityDefinition.DonePort);
                    break;
                case StepActivity step:
                    var input = new JsonObject();
                    foreach (var (name, expression) in step.Inputs)
                    {
                        input[name] = Evaluate(expression, token, $"inputs.{name}");
                    }

                    var bookmarkId = NewId();
                    Wait(token, new Bookmark { Id = bookmarkId, Kind = BookmarkKind.Step, ActivityId = step.Id, TokenId = token.Id, Name = step.StepKey }, step.StepKey);
                    _effects.Add(new RunStepEffect(bookmarkId, step.Id, step.StepKey, input));
                    break;
            }
        }

        private void CreateTask(Token token, HumanTaskActivity task)
        {
            var role = Resolve(task.Role, token, "role");
            var agency = task.Agency is null ? null : Resolve(task.Agency, token, "agency");
            var subject = task.Subject is null ? null : SubjectOf(task.Subject, token);
            var refusal = task.Refusal is null ? null : RefusalOf(task.Refusal, token);
            var taskId = NewId();
            Wait(token, new Bookmark { Id = taskId, Kind = BookmarkKind.Task, ActivityId = task.Id, TokenId = token.Id }, role);
            _effects.Add(new CreateTaskEffect(taskId, task.Id, task.Title, role, agency, task.Form, task.Sla, task.Outcomes, subject, refusal));
            if (task.Escalation is { } escalation)
            {
                var escalationId = NewId();
                S.Bookmarks.Add(new Bookmark { Id = escalationId, Kind = BookmarkKind.Escalation, ActivityId = task.Id, TokenId = token.Id, TaskId = taskId });
                _effects.Add(new ScheduleTimerEffect(escalationId, task.Id, new TimerDue(null, task.Sla, escalation.AtPercent, escalation.After, now)));
            }
        }

        private void StartTimer(Token token, TimerActivity timer)
        {
            DateTimeOffset due;
            if (timer.Duration is { } duration)
            {
                due = duration.AddTo(now);
            }
            else
            {
                var value = Evaluate(timer.Until!, token, "until");
                if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String
                    || !DateTimeOffset.TryParse(v.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out due))
                {
                    throw new ActivityFault($"'until' must give a moment as ISO 8601 text (e.g. 2026-05-01T09:00:00Z); it gave {value?.ToJsonString() ?? "nothing"}.");
                }
            }

            var bookmarkId = NewId();
            Wait(token, new Bookmark { Id = bookmarkId, Kind = BookmarkKind.Timer, ActivityId = timer.Id, TokenId = token.Id }, due.ToString("O", CultureInfo.InvariantCulture));
            _effects.Add(new ScheduleTimerEffect(bookmarkId, timer.Id, new TimerDue(due.ToUniversalTime(), null, null, null, now)));
        }

        private void StartIterations(Token token, ParallelForEachActivity each)
        {
            var items = Evaluate(each.Items, token, "items") as JsonArray
                ?? throw new ActivityFault($"'items' must give an array; '{each.Items}' did not.");
            if (items.Count == 0)
            {
                Continue(token, ActivityDefinition.DonePort);
                return;
            }

            Replace(token, token with { State = TokenState.Waiting });
            Journal(each.Id, "Waiting", $"{items.Count} iteration(s)");
            var entry = each.Body.Entry!;
            for (var i = 0; i < items.Count; i++)
            {
                var scope = new Scope(NewId(), token.ScopeId, token.Id, each.Id, each.ItemVariable, items[i]?.DeepClone(), i);
                S.Scopes.Add(scope);
                S.Tokens.Add(new Token(NewId(), scope.Id, entry.Id, TokenState.Ready));
            }
        }

        private void StartChildren(Token token, SubWorkflowActivity sub)
        {
            var items = sub.Items is null ? null : Evaluate(sub.Items, token, "items") as JsonArray
                ?? throw new ActivityFault($"'items' must give an array; '{sub.Items}' did not.");
            var count = items?.Count ?? 1;
            if (count == 0)
            {
                MapChildOutputs(sub, []);
                Continue(token, ActivityDefinition.DonePort);
                return;
            }

            // Every input is evaluated before anything changes: if one item's input fails, the incident must leave no
            // child started and the token ready, so that a retry starts them all.
            var inputs = new List<JsonObject>(count);
            for (var i = 0; i < count; i++)
            {
                var extra = items is null ? null : new Dictionary<string, JsonNode?> { [sub.ItemVariable] = items[i]?.DeepClone() };
                var input = new JsonObject();
                foreach (var (name, expression) in sub.Inputs)
                {
                    input[name] = Evaluate(expression, token, $"inputs.{name}", extra);
                }

                inputs.Add(input);
            }

            Replace(token, token with { State = TokenState.Waiting });
            for (var i = 0; i < count; i++)
            {
                var input = inputs[i];
                var bookmarkId = NewId();
                var childId = NewId();
                S.Bookmarks.Add(new Bookmark { Id = bookmarkId, Kind = BookmarkKind.Child, ActivityId = sub.Id, TokenId = token.Id, ChildInstanceId = childId, Index = items is null ? null : i });
                _effects.Add(new StartChildEffect(bookmarkId, childId, sub.DefinitionId, input));
            }

            Journal(sub.Id, "Waiting", $"{count} child workflow(s) of {sub.DefinitionId}");
        }

        private void Arrive(Token token, JoinActivity join)
        {
            Replace(token, token with { State = TokenState.Waiting });
            if (join.Mode == JoinMode.WaitAny || JoinSatisfied(join.Id, token.ScopeId))
            {
                FireJoin(join, token.ScopeId);
            }
        }

        private bool JoinSatisfied(string joinId, Guid scopeId) =>
            !S.Tokens.Any(t => t.ScopeId == scopeId && t.ActivityId != joinId && _index.ReachableFrom(t.ActivityId).Contains(joinId));

        private bool FireSatisfiedJoin()
        {
            foreach (var waiting in S.Tokens.Where(t => t.State == TokenState.Waiting).ToList())
            {
                if (_index.Activity(waiting.ActivityId) is JoinActivity { Mode: JoinMode.WaitAll } join && JoinSatisfied(join.Id, waiting.ScopeId))
                {
                    FireJoin(join, waiting.ScopeId);
                    return true;
                }
            }

            return false;
        }

        private void FireJoin(JoinActivity join, Guid scopeId)
        {
            if (join.Mode == JoinMode.WaitAny)
            {
                // The first arrival wins; every branch that could still reach this join is withdrawn with its tasks.
                foreach (var other in S.Tokens.Where(t => t.ScopeId == scopeId && t.ActivityId != join.Id && _index.ReachableFrom(t.ActivityId).Contains(join.Id)).ToList())
                {
                    CancelToken(other, continueOwner: false);
                }
            }

            var arrived = S.Tokens.Where(t => t.ScopeId == scopeId && t.ActivityId == join.Id).ToList();
            foreach (var extra in arrived.Skip(1))
            {
                S.Tokens.Remove(extra);
            }

            Continue(arrived[0], ActivityDefinition.DonePort);
        }

        private void ReachEnd(Token token, EndActivity end)
        {
            var scope = S.Scopes.First(s => s.Id == token.ScopeId);
            Journal(end.Id, "Executed", end.Outcome);
            if (scope.ParentId is null)
            {
                foreach (var other in S.Tokens.Where(t => t.Id != token.Id).ToList())
                {
                    CancelToken(other, continueOwner: false);
                }

                S.Tokens.Clear();
                Complete(end.Outcome);
                return;
            }

            // An End inside a loop body ends that iteration only.
            foreach (var other in S.Tokens.Where(t => t.ScopeId == scope.Id && t.Id != token.Id).ToList())
            {
                CancelToken(other, continueOwner: false);
            }

            RemoveToken(token);
        }

        private void Complete(string? outcome)
        {
            S.Status = WorkflowStatus.Completed;
            S.Outcome = outcome;
            var outputs = new JsonObject();
            foreach (var output in definition.Outputs)
            {
                outputs[output.Name] = S.Variables[output.Name]?.DeepClone();
            }

            _effects.Add(new WorkflowCompletedEffect(outcome, outputs));
            Journal(null, "Completed", outcome);
        }

        private void Fault(string activityId, string message, Guid? tokenId)
        {
            S.Status = WorkflowStatus.Faulted;
            S.Incident = new Incident(activityId, message, now, tokenId);
            _effects.Add(new WorkflowFaultedEffect(S.Incident));
            Journal(activityId, "Faulted", message);
        }

        private void Continue(Token token, string port)
        {
            var targets = _index.FlowchartOf(token.ActivityId).From(token.ActivityId, port).Select(c => c.Target).ToList();
            Fan(token, targets, port);
        }

        private void Fan(Token token, List<string> targets, string port)
        {
            Journal(token.ActivityId, "Executed", port);
            if (targets.Count == 0)
            {
                RemoveToken(token);
                return;
            }

            Replace(token, token with { ActivityId = targets[0], State = TokenState.Ready });
            foreach (var target in targets.Skip(1))
            {
                S.Tokens.Add(new Token(NewId(), token.ScopeId, target, TokenState.Ready));
            }
        }

        private void Wait(Token token, Bookmark bookmark, string? detail)
        {
            Replace(token, token with { State = TokenState.Waiting });
            S.Bookmarks.Add(bookmark);
            Journal(bookmark.ActivityId, "Waiting", detail);
        }

        // Removes a token that finished its path; a loop body left without tokens is done, and when all iterations of
        // a ParallelForEach are done, its own token moves on.
        private void RemoveToken(Token token)
        {
            S.Tokens.RemoveAll(t => t.Id == token.Id);
            var scope = S.Scopes.First(s => s.Id == token.ScopeId);
            if (scope.ParentId is null || S.Tokens.Any(t => t.ScopeId == scope.Id))
            {
                return;
            }

            S.Scopes.Remove(scope);
            if (!S.Scopes.Any(s => s.OwnerTokenId == scope.OwnerTokenId) && S.Tokens.FirstOrDefault(t => t.Id == scope.OwnerTokenId) is { } owner)
            {
                Continue(owner, ActivityDefinition.DonePort);
            }
        }

        private void CancelToken(Token token, bool continueOwner)
        {
            // Callers walk a snapshot of the tokens; one inside a loop body is already gone once its owner was cancelled.
            if (!S.Tokens.Exists(t => t.Id == token.Id))
            {
                return;
            }

            foreach (var bookmark in S.Bookmarks.Where(b => b.TokenId == token.Id).ToList())
            {
                switch (bookmark.Kind)
                {
                    case BookmarkKind.Task:
                        _effects.Add(new CancelTaskEffect(bookmark.Id, bookmark.ActivityId));
                        break;
                    case BookmarkKind.Timer or BookmarkKind.Escalation:
                        _effects.Add(new CancelTimerEffect(bookmark.Id));
                        break;
                    case BookmarkKind.Child when !bookmark.Done:
                        _effects.Add(new CancelChildEffect(bookmark.ChildInstanceId!.Value, _cancelling?.Reason, _cancelling?.Actor));
                        break;
                }

                RemoveBookmark(bookmark);
            }

            foreach (var child in S.Scopes.Where(s => s.OwnerTokenId == token.Id).ToList())
            {
                foreach (var inner in S.Tokens.Where(t => t.ScopeId == child.Id).ToList())
                {
                    CancelToken(inner, continueOwner: false);
                }

                S.Scopes.Remove(child);
            }

            Journal(token.ActivityId, "Cancelled", null);
            if (continueOwner)
            {
                RemoveToken(token);
            }
            else
            {
                S.Tokens.RemoveAll(t => t.Id == token.Id);
            }
        }

        private Token TokenOf(Bookmark bookmark) => S.Tokens.First(t => t.Id == bookmark.TokenId);

        private Bookmark? Find(Guid id, BookmarkKind kind) => S.Bookmarks.FirstOrDefault(b => b.Id == id && b.Kind == kind);

        private void RemoveBookmark(Bookmark bookmark) => S.Bookmarks.RemoveAll(b => b.Id == bookmark.Id);

        private void ReplaceBookmark(Bookmark old, Bookmark replacement) => S.Bookmarks[S.Bookmarks.FindIndex(b => b.Id == old.Id)] = replacement;

        private void Replace(Token old, Token replacement) => S.Tokens[S.Tokens.FindIndex(t => t.Id == old.Id)] = replacement;

        private bool Condition(string expression, Token token, string field)
        {
            var value = Evaluate(expression, token, field);
            return value switch
            {
                null => false,
                JsonValue v when v.GetValueKind() == JsonValueKind.True => true,
                JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
                JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>() != 0,
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length > 0,
                _ => true,
            };
        }

        // A subject only describes the task: one that cannot be worked out leaves the task without it, and never stops
        // the workflow the way a role or agency that cannot be worked out must.
        private string? SubjectOf(Binding subject, Token token)
        {
            try
            {
                return Resolve(subject, token, "subject");
            }
            catch (ActivityFault)
            {
                return null;
            }
        }

        // Like the subject, the reason only describes the task: one that cannot be worked out leaves the task without
        // it rather than stopping the workflow. Read now, so it stays with this task whatever the variables become.
        private TaskRefusal? RefusalOf(RefusalBinding refusal, Token token)
        {
            // Each part on its own: a code that cannot be worked out still leaves the reason to read.
            return TextOf(refusal.Reason, "refusal.reason") is { } reason ? new TaskRefusal(reason, TextOf(refusal.Code, "refusal.code")) : null;

            string? TextOf(string? expression, string field)
            {
                try
                {
                    return expression is not null && Evaluate(expression, token, field) is JsonValue v && v.GetValueKind() == JsonValueKind.String
                        && v.GetValue<string>() is { Length: > 0 } text ? text : null;
                }
                catch (ActivityFault)
                {
                    return null;
                }
            }
        }

        private string Resolve(Binding binding, Token token, string field)
        {
            if (binding.Expression is null)
            {
                return binding.Literal ?? string.Empty;
            }

            var value = Evaluate(binding.Expression, token, field);
            return value switch
            {
                JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length > 0 => v.GetValue<string>(),
                JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
                _ => throw new ActivityFault($"'{field}' must give text; '{binding.Expression}' gave {value?.ToJsonString() ?? "nothing"}."),
            };
        }

        private JsonNode? Evaluate(string expression, Token token, string field, Dictionary<string, JsonNode?>? extra = null)
        {
            var scope = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            foreach (var (name, value) in S.Variables)
            {
                scope[name] = value;
            }

            scope["input"] = S.Input;
            scope["now"] = JsonValue.Create(now.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));

            // Loop items, innermost last so it wins over an outer item of the same name.
            var chain = new List<Scope>();
            for (var s = S.Scopes.FirstOrDefault(x => x.Id == token.ScopeId); s is not null; s = s.ParentId is null ? null : S.Scopes.FirstOrDefault(x => x.Id == s.ParentId))
            {
                chain.Add(s);
            }

            foreach (var s in Enumerable.Reverse(chain).Where(s => s.ItemVariable is not null))
            {
                scope[s.ItemVariable!] = s.Item;
            }

            foreach (var (name, value) in extra ?? [])
            {
                scope[name] = value;
            }

            try
            {
                return engine._expressions.Evaluate(expression, scope);
            }
            catch (ExpressionException ex)
            {
                throw new ActivityFault($"'{field}': {ex.Message}");
            }
        }

        // A long payload is cut, never between the two halves of a character (a lone half is not valid text).
        private void Journal(string? activityId, string ev, string? payload) =>
            _journal.Add(new JournalRecord(++S.JournalSequence, activityId, ev, now, actor,
                payload is { Length: > 200 } ? payload[..(char.IsHighSurrogate(payload[199]) ? 199 : 200)] : payload));

        // Deterministic, globally unique: derived from the (random) instance id and a per-instance counter.
        private Guid NewId()
        {
            Span<byte> input = stackalloc byte[24];
            S.InstanceId.TryWriteBytes(input);
            BitConverter.TryWriteBytes(input[16..], ++S.IdCounter);
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(input, hash);
            hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8: custom
            hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
            return new Guid(hash[..16]);
        }
    }

    private readonly ExpressionEvaluator _expressions = expressions;
}
