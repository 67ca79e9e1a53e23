using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Coordination.Workflow.Definitions;

/// <summary>
/// Every problem code with its English and Dutch text (composite formats: <c>{0}</c> is the first argument; literal
/// braces are doubled). The English is what logs, exceptions and tests read; both must name the same arguments.
/// </summary>
public static class ProblemTexts
{
    /// <summary>Code → (English, Dutch).</summary>
    internal static readonly FrozenDictionary<string, (string English, string Dutch)> Formats = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        // Reading the JSON.
        ["json-invalid"] = ("not valid JSON: {0}", "geen geldige JSON: {0}"),
        ["definition-not-object"] = ("the definition must be a JSON object", "de definitie moet een JSON-object zijn"),
        ["version-invalid"] = ("'version' must be a whole number of at least 1", "'version' moet een geheel getal van minstens 1 zijn"),
        ["connection-shape"] = (
            "each connection needs {{ \"source\": {{ \"activity\": …, \"port\": … }}, \"target\": {{ \"activity\": … }} }}",
            "elke verbinding moet de vorm {{ \"source\": {{ \"activity\": …, \"port\": … }}, \"target\": {{ \"activity\": … }} }} hebben"),
        ["activity-not-object"] = ("each activity must be a JSON object", "elke activiteit moet een JSON-object zijn"),
        ["activity-id-duplicate"] = ("the activity id '{0}' is used more than once", "de id '{0}' komt bij meer dan één activiteit voor"),
        ["activity-type-unknown"] = ("unknown activity type '{0}'; known types: {1}", "onbekend type activiteit '{0}'; bekende typen: {1}"),
        ["task-role-missing-json"] = (
            "a human task needs a 'role' (a role name, or {{ \"expression\": … }})",
            "een handmatige taak (HumanTask) heeft een 'role' nodig (een rolnaam, of {{ \"expression\": … }})"),
        ["refusal-shape"] = (
            "'refusal' must be {{ \"reason\": …, \"code\": … }}: expressions giving why the task is offered again and that reason's code",
            "'refusal' moet de vorm {{ \"reason\": …, \"code\": … }} hebben: expressies die geven waarom de taak opnieuw wordt aangeboden en de code van die reden"),
        ["sla-time-invalid"] = ("'sla.time' must be 'working' or 'calendar', not '{0}'", "'sla.time' moet 'working' of 'calendar' zijn, niet '{0}'"),
        ["escalation-percent-not-number"] = ("'escalation.atPercent' must be a whole number (1–100)", "'escalation.atPercent' moet een geheel getal zijn (1–100)"),
        ["escalation-role-missing"] = ("an escalation needs a 'role' to notify", "een escalatie heeft een 'role' nodig: wie gewaarschuwd moet worden"),
        ["timer-needs-one"] = (
            "a timer needs exactly one of 'duration' (ISO 8601, e.g. PT1H) or 'until' (an expression giving a moment)",
            "een timer heeft precies één van 'duration' (ISO 8601, bijv. PT1H) of 'until' (een expressie die een tijdstip geeft) nodig"),
        ["field-entry-invalid"] = ("each entry of 'fields' must be an object with a 'name'", "elk element van 'fields' moet een object met een 'name' zijn"),
        ["allowed-values-invalid"] = (
            "'allowedValues' of field '{0}' must contain texts or objects with a 'value' and a 'label'",
            "'allowedValues' van veld '{0}' moet teksten bevatten of objecten met een 'value' en een 'label'"),
        ["case-entry-invalid"] = ("each entry of 'cases' must be an object with a 'port' and a 'condition'", "elk element van 'cases' moet een object met een 'port' en een 'condition' zijn"),
        ["variable-entry-invalid"] = ("each entry of 'variables' must be an object with a 'name'", "elk element van 'variables' moet een object met een 'name' zijn"),
        ["list-entry-needs-name"] = ("each entry of '{0}' needs a 'name'", "elk element van '{0}' heeft een 'name' nodig"),
        ["variable-type-unknown"] = (
            "'{0}' has the unknown type '{1}'; use string, number, boolean, object, array or any",
            "'{0}' heeft het onbekende type '{1}'; gebruik string, number, boolean, object, array of any"),
        ["text-or-expression"] = ("'{0}' must be text or {{ \"expression\": \"…\" }}", "'{0}' moet tekst zijn of {{ \"expression\": \"…\" }}"),
        ["field-invalid"] = ("'{0}': {1}", "'{0}': {1}"),
        ["dutch-text-required"] = ("'{0}' needs a Dutch text: {{ \"nl\": \"…\", \"en\": \"…\" }}", "'{0}' heeft een Nederlandse tekst nodig: {{ \"nl\": \"…\", \"en\": \"…\" }}"),
        ["value-not-allowed"] = ("'{0}' must be one of {1}, not '{2}'", "'{0}' moet een van {1} zijn, niet '{2}'"),
        ["must-be-array"] = ("'{0}' must be a JSON array", "'{0}' moet een JSON-array zijn"),
        ["only-text"] = ("'{0}' must contain only text", "'{0}' mag alleen tekst bevatten"),
        ["name-expression-object"] = ("'{0}' must be an object of name → expression", "'{0}' moet een object van naam → expressie zijn"),
        ["must-be-text"] = ("'{0}' must be text", "'{0}' moet tekst zijn"),
        ["required"] = ("'{0}' is required", "'{0}' is verplicht"),
        ["non-empty-text"] = ("'{0}' must be non-empty text", "'{0}' mag niet leeg zijn"),

        // Validating the definition.
        ["id-not-kebab-case"] = (
            "the definition id '{0}' must be kebab-case (lower-case words joined by '-')",
            "de definitie-id '{0}' moet in kebab-case zijn (woorden in kleine letters, verbonden door '-')"),
        ["variable-duplicate"] = ("the variable '{0}' is declared more than once", "de variabele '{0}' wordt meer dan eens gedeclareerd"),
        ["output-without-variable"] = (
            "the output '{0}' has no variable of the same name to take its value from",
            "de uitvoer '{0}' heeft geen variabele met dezelfde naam waar de waarde vandaan komt"),
        ["start-more-than-one"] = ("a flowchart has at most one Start", "een stroomschema heeft hooguit één Start"),
        ["flowchart-no-entry"] = (
            "the flowchart has no Start activity (or activity without incoming connections) to begin at",
            "het stroomschema heeft geen Start-activiteit (of activiteit zonder inkomende verbindingen) om mee te beginnen"),
        ["body-no-entry"] = (
            "the body has no Start activity (or activity without incoming connections) to begin at",
            "het binnenste stroomschema (body) heeft geen Start-activiteit (of activiteit zonder inkomende verbindingen) om mee te beginnen"),
        ["connection-source-unknown"] = (
            "a connection comes from '{0}', which is not an activity of this flowchart",
            "een verbinding komt van '{0}', en dat is geen activiteit van dit stroomschema"),
        ["connection-target-unknown"] = (
            "a connection from port '{0}' goes to '{1}', which is not an activity of this flowchart",
            "een verbinding van poort '{0}' gaat naar '{1}', en dat is geen activiteit van dit stroomschema"),
        ["connection-duplicate"] = ("the connection from port '{0}' to '{1}' is declared twice", "de verbinding van poort '{0}' naar '{1}' komt twee keer voor"),
        ["port-unknown"] = ("has no port '{0}'; its ports are: {1}", "heeft geen poort '{0}'; de poorten zijn: {1}"),
        ["port-unknown-none"] = ("has no port '{0}'; its ports are: none", "heeft geen poort '{0}'; de activiteit heeft geen poorten"),
        ["unreachable"] = ("cannot be reached from '{0}'", "is niet te bereiken vanaf '{0}'"),
        ["no-end"] = ("the workflow has no End activity", "de workflow heeft geen End-activiteit"),
        ["no-path-to-end"] = ("has no path to an End activity", "heeft geen pad naar een End-activiteit"),
        ["join-without-branches"] = ("a Join needs incoming branches; none connect to it", "een Join heeft inkomende takken nodig; er komt geen enkele verbinding op uit"),
        ["expression-syntax"] = ("'{0}': {1}", "'{0}': de expressie is niet te lezen: {1}"),
        ["expression-unknown-name"] = ("'{0}' uses '{1}', which is not a variable of this workflow", "'{0}' gebruikt '{1}', en dat is geen variabele van deze workflow"),
        ["variable-unknown"] = ("'{0}' writes to '{1}', which is not a variable of this workflow", "'{0}' schrijft naar '{1}', en dat is geen variabele van deze workflow"),
        ["task-role-missing"] = ("a human task needs a role", "een handmatige taak (HumanTask) heeft een rol nodig"),
        ["required-for-unknown-outcome"] = (
            "field '{0}' is required for '{1}', which is not an outcome of this task",
            "veld '{0}' is verplicht voor '{1}', maar dat is geen uitkomst van deze taak"),
        ["required-for-not-required"] = (
            "field '{0}' has 'requiredFor' but not \"required\": true",
            "veld '{0}' heeft 'requiredFor' maar niet \"required\": true"),
        ["outcome-duplicate"] = ("an outcome is listed twice", "een uitkomst komt twee keer voor"),
        ["sla-zero"] = ("'sla.duration' must be longer than zero", "'sla.duration' moet langer dan nul zijn"),
        ["sla-working-days"] = (
            "'sla.duration' {0} in working time must be whole days or weeks (e.g. P5D); use \"time\": \"calendar\" for hours",
            "'sla.duration' {0} in werktijd moet uit hele dagen of weken bestaan (bijv. P5D); gebruik \"time\": \"calendar\" voor uren"),
        ["escalation-needs-one"] = (
            "an escalation needs exactly one of 'atPercent' (1–100) or 'after' (a duration)",
            "een escalatie heeft precies één van 'atPercent' (1–100) of 'after' (een duur) nodig"),
        ["escalation-percent-range"] = ("'escalation.atPercent' must be between 1 and 100, not {0}", "'escalation.atPercent' moet tussen 1 en 100 liggen, niet {0}"),
        ["escalation-percent-needs-sla"] = ("'escalation.atPercent' needs an 'sla' to take a percentage of", "'escalation.atPercent' heeft een 'sla' nodig om een percentage van te nemen"),
        ["switch-no-cases"] = ("a Switch needs at least one case", "een Switch heeft minstens één geval nodig"),
        ["switch-port-duplicate"] = ("two cases use the same port", "twee gevallen gebruiken dezelfde poort"),
        ["duration-zero"] = ("'duration' must be longer than zero", "'duration' moet langer dan nul zijn"),

        // An ISO-8601 duration and why it could not be read.
        ["duration-invalid"] = ("'{0}' is not an ISO-8601 duration: {1}. Examples: P5D, PT24H, P3DT18H.", "'{0}' is geen ISO-8601-duur: {1}. Voorbeelden: P5D, PT24H, P3DT18H."),
        ["duration-empty"] = ("the value is empty", "de waarde is leeg"),
        ["duration-whitespace"] = ("it contains whitespace", "er staan spaties in"),
        ["duration-negative"] = ("negative durations are not allowed", "een negatieve duur is niet toegestaan"),
        ["duration-lower-case"] = ("designators are upper case ('{0}')", "gebruik hoofdletters ('{0}')"),
        ["duration-no-p"] = ("it must start with 'P'", "de duur moet met 'P' beginnen"),
        ["duration-t-twice"] = ("'T' appears more than once", "'T' staat er meer dan eens in"),
        ["duration-unexpected-character"] = ("unexpected character '{0}'", "onverwacht teken '{0}'"),
        ["duration-number-without-designator"] = (
            "the number {0} has no designator after it (Y, M, W or D; after 'T': H, M or S)",
            "na het getal {0} staat geen letter (Y, M, W of D; na 'T': H, M of S)"),
        ["duration-fraction"] = (
            "fractions are not supported; use a smaller unit instead (PT90M rather than PT1.5H)",
            "decimalen worden niet ondersteund; gebruik een kleinere eenheid (PT90M in plaats van PT1.5H)"),
        ["duration-designator-twice"] = ("'{0}' appears more than once", "'{0}' staat er meer dan eens in"),
        ["duration-order"] = ("'{0}' comes after '{1}'; the order is Y, M, W, D, then T, H, M, S", "'{0}' staat na '{1}'; de volgorde is Y, M, W, D, dan T, H, M, S"),
        ["duration-number-too-large"] = ("the number {0} is too large", "het getal {0} is te groot"),
        ["duration-t-empty"] = ("'T' must be followed by hours, minutes or seconds (e.g. PT9H)", "na 'T' moeten uren, minuten of seconden volgen (bijv. PT9H)"),
        ["duration-no-components"] = ("it has no components after 'P'", "na 'P' volgt niets"),
        ["duration-days-too-large"] = ("the weeks and days together are too large", "het aantal weken en dagen samen is te groot"),
        ["duration-after-t"] = ("'{0}' belongs after 'T' (PT9H, PT30S)", "'{0}' hoort na 'T' (PT9H, PT30S)"),
        ["duration-before-t"] = ("'{0}' belongs before 'T' (P3DT18H)", "'{0}' hoort vóór 'T' (P3DT18H)"),
        ["duration-designator-unknown"] = ("unknown designator '{0}'", "onbekende letter '{0}'"),
        ["duration-designator-no-number"] = ("designator '{0}' has no number before it", "vóór de letter '{0}' staat geen getal"),

        // Publishing and running.
        ["definition-not-published"] = ("no published definition '{0}'", "er is geen gepubliceerde definitie '{0}'"),
        ["version-missing"] = ("version {0} of '{1}' is missing", "versie {0} van '{1}' ontbreekt"),
        ["version-taken"] = (
            "version {0} of '{1}' is already published with other content; give the changed definition a new version number",
            "versie {0} van '{1}' is al gepubliceerd met een andere inhoud; geef de gewijzigde definitie een nieuw versienummer"),
        ["definition-too-large"] = ("the definition is {0} KB; the maximum is {1} KB", "de definitie is {0} KB; het maximum is {1} KB"),
        ["step-unknown"] = ("'{0}' is not an automated step of this application; use one of {1}", "'{0}' is geen geautomatiseerde stap van deze applicatie; gebruik een van {1}"),
        ["role-unknown"] = ("'{0}' is not a role of this application; use one of {1}", "'{0}' is geen rol van deze applicatie; gebruik een van {1}"),
        ["escalation-role-unknown"] = ("the escalation role '{0}' is not a role of this application", "de escalatierol '{0}' is geen rol van deze applicatie"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Code → how many values its text names (one more than its highest placeholder).</summary>
    internal static readonly FrozenDictionary<string, int> Arity = Formats.ToFrozenDictionary(
        f => f.Key,
        f => Regex.Matches(f.Value.English.Replace("{{", string.Empty, StringComparison.Ordinal), @"\{(\d+)\}")
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max(),
        StringComparer.Ordinal);

    /// <summary>Every code there is a text for.</summary>
    public static IEnumerable<string> Codes => Formats.Keys;

    /// <summary>The English and Dutch formats of a code (for checking them).</summary>
    public static (string English, string Dutch) FormatsOf(string code) => Formats[code];
}
