using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Dendrite.Tests.Structure;

/// <summary>
/// Which source file of an assembly calls into which: every method body's IL is decoded, and each method, field or
/// type it names inside the same assembly is traced, through the portable PDB, to the file that defines it. Partial
/// classes are split by file, so a member of <c>Tensor</c> defined in <c>Autograd/</c> counts as Autograd's.
/// </summary>
internal sealed class IlReferences
{
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value, o => o.OperandType);

    private readonly MetadataReader _md;
    private readonly MetadataReader _pdb;
    private readonly PEReader _pe;
    private readonly Dictionary<MethodDefinitionHandle, string?> _documents = [];

    /// <summary>
    /// (caller file, the callee's files, what is referenced), paths relative to the source root, '/'-separated. A field
    /// or type of a partial type lists every file of that type.
    /// </summary>
    public List<(string From, string[] To, string What)> Edges { get; } = [];

    /// <summary>Reads the assembly and its portable PDB; <paramref name="marker"/> (e.g. <c>src/Dendrite/</c>) ends the source root in document paths.</summary>
    public IlReferences(string assemblyPath, string pdbPath, string marker)
    {
        _pe = new PEReader(File.OpenRead(assemblyPath));
        _md = _pe.GetMetadataReader();
        var pdbProvider = MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(pdbPath));
        _pdb = pdbProvider.GetMetadataReader();
        string root = _pdb.Documents.Select(d => _pdb.GetString(_pdb.GetDocument(d).Name).Replace('\\', '/'))
            .Where(p => p.Contains(marker, StringComparison.Ordinal)).Select(p => p[..(p.IndexOf(marker, StringComparison.Ordinal) + marker.Length)])
            .FirstOrDefault() ?? throw new InvalidOperationException($"no document under {marker} in {pdbPath}");
        foreach (var method in _md.MethodDefinitions)
        {
            string? from = Document(method, root);
            var def = _md.GetMethodDefinition(method);
            if (from is null || def.RelativeVirtualAddress == 0) continue;
            foreach (int token in Tokens(_pe.GetMethodBody(def.RelativeVirtualAddress).GetILBytes()!))
                foreach (var (to, what) in Targets(MetadataTokens.EntityHandle(token), root))
                    if (!to.Contains(from)) Edges.Add((from, to, what));
        }
    }

    /// <summary>The source file of a method relative to <paramref name="root"/> (read from the PDB once per method), or null.</summary>
    private string? Document(MethodDefinitionHandle method, string root)
    {
        if (!_documents.TryGetValue(method, out var file)) _documents[method] = file = ReadDocument(method, root);
        return file;
    }

    private string? ReadDocument(MethodDefinitionHandle method, string root)
    {
        var info = _pdb.GetMethodDebugInformation(method);
        DocumentHandle doc = info.Document;
        if (doc.IsNil)
            foreach (var point in info.GetSequencePoints()) { doc = point.Document; break; }
        if (doc.IsNil) return null;
        string path = _pdb.GetString(_pdb.GetDocument(doc).Name).Replace('\\', '/');
        return path.StartsWith(root, StringComparison.Ordinal) ? path[root.Length..] : null;
    }

    private IEnumerable<int> Tokens(byte[] il)
    {
        for (int i = 0; i < il.Length;)
        {
            short code = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var operand = Operands[code];
            switch (operand)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    yield return BitConverter.ToInt32(il, i);
                    i += 4;
                    break;
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                default: i += 4; break;
            }
        }
    }

    private IEnumerable<(string[] Files, string What)> Targets(EntityHandle handle, string root)
    {
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
            {
                var m = (MethodDefinitionHandle)handle;
                if (Document(m, root) is { } file) yield return ([file], Name(m));
                break;
            }
            case HandleKind.MethodSpecification:
                foreach (var t in Targets(_md.GetMethodSpecification((MethodSpecificationHandle)handle).Method, root)) yield return t;
                break;
            case HandleKind.MemberReference:
            {
                var reference = _md.GetMemberReference((MemberReferenceHandle)handle);
                if (TypeOf(reference.Parent) is { } type)
                {
                    string name = _md.GetString(reference.Name);
                    var methods = _md.GetTypeDefinition(type).GetMethods().Where(m => _md.GetString(_md.GetMethodDefinition(m).Name) == name).ToList();
                    foreach (var m in methods)
                        if (Document(m, root) is { } file) yield return ([file], Name(m));
                    if (methods.Count == 0 && Homes(type, root) is { Length: > 0 } home) yield return (home, TypeName(type) + "." + name);
                }
                break;
            }
            case HandleKind.FieldDefinition:
            {
                var type = _md.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType();
                if (Homes(type, root) is { Length: > 0 } files) yield return (files, TypeName(type) + "." + _md.GetString(_md.GetFieldDefinition((FieldDefinitionHandle)handle).Name));
                break;
            }
            case HandleKind.TypeDefinition or HandleKind.TypeSpecification:
                if (TypeOf(handle) is { } t2 && Homes(t2, root) is { Length: > 0 } homes) yield return (homes, TypeName(t2));
                break;
        }
    }

    /// <summary>The type definition behind a definition or a generic instantiation of one; null for other assemblies' types.</summary>
    private TypeDefinitionHandle? TypeOf(EntityHandle handle)
    {
        if (handle.Kind == HandleKind.TypeDefinition) return (TypeDefinitionHandle)handle;
        if (handle.Kind != HandleKind.TypeSpecification) return null;
        var blob = _md.GetBlobReader(_md.GetTypeSpecification((TypeSpecificationHandle)handle).Signature);
        if (blob.ReadSignatureHeader().RawValue != 0x15) return null; // GENERICINST
        blob.ReadCompressedInteger(); // CLASS or VALUETYPE
        var inner = blob.ReadTypeHandle();
        return inner.Kind == HandleKind.TypeDefinition ? (TypeDefinitionHandle)inner : null;
    }

    /// <summary>A type's files: those of its methods (several for a partial type), else those of the type it is nested in.</summary>
    private string[] Homes(TypeDefinitionHandle type, string root)
    {
        for (var t = type; !t.IsNil; t = _md.GetTypeDefinition(t).GetDeclaringType())
        {
            string[] files = [.. _md.GetTypeDefinition(t).GetMethods().Select(m => Document(m, root)).OfType<string>().Distinct()];
            if (files.Length > 0) return files;
        }
        return [];
    }

    private string Name(MethodDefinitionHandle m)
    {
        var def = _md.GetMethodDefinition(m);
        return TypeName(def.GetDeclaringType()) + "." + _md.GetString(def.Name);
    }

    private string TypeName(TypeDefinitionHandle t)
    {
        var def = _md.GetTypeDefinition(t);
        string name = _md.GetString(def.Name);
        return def.GetDeclaringType().IsNil ? name : TypeName(def.GetDeclaringType()) + "+" + name;
    }
}
