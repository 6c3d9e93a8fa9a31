using System.Reflection;
using System.Text;

namespace VideoBot.Tests.Contrib;

/// <summary>
/// A public API as text, one line per type and member, sorted: what a plugin compiled against the SDK can see. Nullability is
/// left out (PublicAPI.*.txt tracks it); names, kinds, signatures, accessors, enum values and inheritance are in.
/// </summary>
internal static class ApiSurface
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Describe(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            lines.Add(TypeLine(type));
            lines.AddRange(Members(type).Order(StringComparer.Ordinal).Select(m => "  " + m));
        }

        return string.Join('\n', lines) + "\n";
    }

    private static string TypeLine(Type type)
    {
        var kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : "class";
        var modifiers = type.IsClass && type.IsAbstract && type.IsSealed ? "static " : type.IsClass && type.IsSealed ? "sealed " : type.IsClass && type.IsAbstract ? "abstract " : "";
        var bases = new List<string>();
        if (type.IsClass && type.BaseType is { } b && b != typeof(object))
        {
            bases.Add(Name(b));
        }

        bases.AddRange(type.GetInterfaces().Select(Name).Order(StringComparer.Ordinal));
        return $"{modifiers}{kind} {type.FullName}" + (bases.Count > 0 ? " : " + string.Join(", ", bases) : "");
    }

    private static IEnumerable<string> Members(Type type)
    {
        if (type.IsEnum)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                yield return $"{field.Name} = {Convert.ToInt64(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}";
            }

            yield break;
        }

        foreach (var member in type.GetMembers(Declared | BindingFlags.NonPublic))
        {
            var line = member switch
            {
                ConstructorInfo c when Visible(c) => $"ctor({Parameters(c)})",
                MethodInfo m when Visible(m) && !m.IsSpecialName => $"{Static(m)}{Name(m.ReturnType)} {m.Name}({Parameters(m)})",
                PropertyInfo p when Accessors(p) is { Length: > 0 } accessors => $"{Static(p.GetMethod ?? p.SetMethod!)}{Name(p.PropertyType)} {p.Name} {{ {accessors}}}",
                FieldInfo f when f.IsPublic || f.IsFamily => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{(f.IsInitOnly ? "readonly " : "")}{Name(f.FieldType)} {f.Name}",
                EventInfo e when e.AddMethod is { } add && Visible(add) => $"event {Name(e.EventHandlerType!)} {e.Name}",
                _ => null,
            };
            if (line is not null)
            {
                yield return line;
            }
        }
    }

    private static bool Visible(MethodBase m) => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly;

    private static string Static(MethodBase m) => m.IsStatic ? "static " : m.IsAbstract && !m.DeclaringType!.IsInterface ? "abstract " : m.IsVirtual && !m.IsFinal && !m.DeclaringType!.IsInterface ? "virtual " : "";

    private static string Accessors(PropertyInfo p)
    {
        var text = new StringBuilder();
        if (p.GetMethod is { } get && Visible(get))
        {
            text.Append("get; ");
        }

        if (p.SetMethod is { } set && Visible(set))
        {
            var init = set.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");
            text.Append(init ? "init; " : "set; ");
        }

        return text.ToString();
    }

    private static string Parameters(MethodBase m) => string.Join(", ", m.GetParameters().Select(p =>
        $"{(p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : "")}{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : "")}"));

    private static string Name(Type type)
    {
        if (type.IsByRef)
        {
            return Name(type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying) + "?";
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        var name = (type.Namespace is "System" or "System.Collections.Generic" or "System.Threading" or "System.Threading.Tasks" or null
            ? type.Name
            : type.Namespace + "." + type.Name).Split('`')[0];
        return type.IsGenericType ? $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>" : name;
    }
}
