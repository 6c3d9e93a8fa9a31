using Mono.Cecil;
using Mono.Cecil.Cil;

namespace VideoBot.Tests.Architecture;

/// <summary>
/// Which top-level folders of host/ (namespaces <c>VideoBot.Host.&lt;Folder&gt;</c>) use which, read from the compiled
/// host assembly: base types, interfaces, fields, signatures, attributes and every type a method body touches. Reading
/// IL rather than using directives catches the dependencies a <c>using</c> hides (fully qualified names, var).
/// </summary>
internal sealed class FolderDependencyGraph
{
    private const string Root = "VideoBot.Host.";

    private readonly Dictionary<string, Dictionary<string, SortedSet<string>>> _edges = new(StringComparer.Ordinal);

    /// <summary>Folders that hold at least one type.</summary>
    public SortedSet<string> Folders { get; } = new(StringComparer.Ordinal);

    public static FolderDependencyGraph Read(string assemblyPath)
    {
        var graph = new FolderDependencyGraph();
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        foreach (var type in module.GetTypes())
        {
            var from = FolderOf(type);
            if (from is null) continue;
            graph.Folders.Add(from);
            foreach (var used in UsedTypes(type))
            {
                var to = FolderOf(used);
                if (to is not null && to != from) graph.Add(from, to, type, used);
            }
        }
        return graph;
    }

    /// <summary>The folders <paramref name="from"/> uses.</summary>
    public IEnumerable<string> Uses(string from) =>
        _edges.TryGetValue(from, out var targets) ? targets.Keys : [];

    /// <summary>A few of the types behind the edge, to name in a failure message.</summary>
    public string Why(string from, string to, int max = 3) =>
        string.Join(", ", _edges[from][to].Take(max)) + (_edges[from][to].Count > max ? ", ..." : "");

    /// <summary>Strongly connected components of two or more folders (Tarjan): each one is a cycle or a knot of cycles.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<IReadOnlyList<string>>();
        var next = 0;

        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in Uses(v))
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            if (component.Count > 1) { component.Sort(StringComparer.Ordinal); result.Add(component); }
        }

        foreach (var folder in Folders) if (!index.ContainsKey(folder)) Visit(folder);
        return result;
    }

    private void Add(string from, string to, TypeDefinition type, TypeReference used)
    {
        if (!_edges.TryGetValue(from, out var targets)) _edges[from] = targets = new(StringComparer.Ordinal);
        if (!targets.TryGetValue(to, out var why)) targets[to] = why = new(StringComparer.Ordinal);
        why.Add($"{Outermost(type).Name} -> {Outermost(used).Name}");
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static string? FolderOf(TypeReference type)
    {
        var ns = Outermost(type.GetElementType()).Namespace;
        if (!ns.StartsWith(Root, StringComparison.Ordinal)) return null;
        var rest = ns[Root.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private static IEnumerable<TypeReference> UsedTypes(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        void Add(TypeReference? t)
        {
            if (t is null) return;
            found.Add(t);
            if (t is GenericInstanceType generic) foreach (var arg in generic.GenericArguments) Add(arg);
            if (t is TypeSpecification spec) Add(spec.ElementType);
        }
        void Attributes(ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes) Add(attribute.AttributeType);
        }

        Add(type.BaseType);
        Attributes(type);
        foreach (var iface in type.Interfaces) Add(iface.InterfaceType);
        foreach (var field in type.Fields) { Add(field.FieldType); Attributes(field); }
        foreach (var property in type.Properties) { Add(property.PropertyType); Attributes(property); }
        foreach (var evt in type.Events) Add(evt.EventType);
        foreach (var method in type.Methods)
        {
            Attributes(method);
            Add(method.ReturnType);
            foreach (var parameter in method.Parameters) { Add(parameter.ParameterType); Attributes(parameter); }
            if (!method.HasBody) continue;
            foreach (var local in method.Body.Variables) Add(local.VariableType);
            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t: Add(t); break;
                    case MethodReference m:
                        Add(m.DeclaringType);
                        Add(m.ReturnType);
                        foreach (var p in m.Parameters) Add(p.ParameterType);
                        if (m is GenericInstanceMethod gm) foreach (var a in gm.GenericArguments) Add(a);
                        break;
                    case FieldReference f: Add(f.DeclaringType); Add(f.FieldType); break;
                }
            }
        }
        return found;
    }
}
