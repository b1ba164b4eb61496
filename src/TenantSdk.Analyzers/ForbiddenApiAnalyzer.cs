using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Skein.Host.Plugins.Validation;

namespace Skein.TenantSdk.Analyzers;

/// <summary>
/// SKEIN002: an API the host's upload scan refuses, judged by the scan's own policy (src/ApiPolicy) on what the source
/// references — members called, created, read or written, and types named — with the scan's code and reason.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ForbiddenApiAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The diagnostic's property holding the scan's problem code (e.g. <c>FileSystemAccess</c>).</summary>
    public const string CodeProperty = "Code";

    /// <summary>The diagnostic's property holding the API as the scan names it (e.g. <c>System.IO.File.ReadAllText</c>).</summary>
    public const string ApiProperty = "Api";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.ForbiddenApi];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(AnalyzeMember, OperationKind.Invocation, OperationKind.ObjectCreation,
            OperationKind.PropertyReference, OperationKind.FieldReference, OperationKind.EventReference,
            OperationKind.MethodReference);
        context.RegisterSyntaxNodeAction(AnalyzeTypeName, SyntaxKind.IdentifierName, SyntaxKind.GenericName);
        context.RegisterSyntaxNodeAction(AnalyzeAttribute, SyntaxKind.Attribute);
        context.RegisterSyntaxNodeAction(AnalyzeAsyncVoid, SyntaxKind.MethodDeclaration, SyntaxKind.LocalFunctionStatement,
            SyntaxKind.ParenthesizedLambdaExpression, SyntaxKind.SimpleLambdaExpression, SyntaxKind.AnonymousMethodExpression);
    }

    private static void AnalyzeMember(OperationAnalysisContext context)
    {
        var operation = context.Operation;
        var compilation = context.Compilation;
        switch (operation)
        {
            case IInvocationOperation invocation:
                ReportMethod(context.ReportDiagnostic, compilation, invocation.TargetMethod, operation.Syntax, "calls");
                break;
            case IObjectCreationOperation { Constructor: { } constructor }:
                ReportMethod(context.ReportDiagnostic, compilation, constructor, operation.Syntax, "creates");
                break;
            case IMethodReferenceOperation reference:
                ReportMethod(context.ReportDiagnostic, compilation, reference.Method, operation.Syntax, "calls");
                break;
            case IPropertyReferenceOperation property:
                foreach (var accessor in Accessors(property))
                {
                    ReportMethod(context.ReportDiagnostic, compilation, accessor, operation.Syntax, "calls");
                }

                break;
            case IEventReferenceOperation eventReference:
                var accessorOf = operation.Parent is IEventAssignmentOperation { Adds: false }
                    ? eventReference.Event.RemoveMethod
                    : eventReference.Event.AddMethod;
                if (accessorOf is not null)
                {
                    ReportMethod(context.ReportDiagnostic, compilation, accessorOf, operation.Syntax, "calls");
                }

                break;
            case IFieldReferenceOperation field when Judged(compilation, field.Field.ContainingType) is { } type:
                var fieldName = field.Field.OriginalDefinition.MetadataName;
                Report(context.ReportDiagnostic, DefaultApiPolicy.Instance.CheckMember(type, fieldName, MemberShape.Field),
                    $"{type.FullName}.{fieldName}", $"uses {type.FullName}.{fieldName}", operation.Syntax);
                ReportSignatureTypes(context.ReportDiagnostic, compilation, type, [field.Field.OriginalDefinition.Type], operation.Syntax);
                break;
        }
    }

    private static void AnalyzeTypeName(SyntaxNodeAnalysisContext context)
    {
        var name = (SimpleNameSyntax)context.Node;
        if (context.SemanticModel.GetSymbolInfo(name, context.CancellationToken).Symbol is not INamedTypeSymbol symbol
            || Judged(context.Compilation, symbol) is not { } type
            || IsCoveredByMember(name, context.SemanticModel, context.CancellationToken))
        {
            return;
        }

        Report(context.ReportDiagnostic, DefaultApiPolicy.Instance.CheckType(type), type.FullName, $"uses {type.FullName}",
            Qualified(name));
    }

    private static void AnalyzeAttribute(SyntaxNodeAnalysisContext context)
    {
        var attribute = (AttributeSyntax)context.Node;
        if (context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol is IMethodSymbol constructor)
        {
            ReportMethod(context.ReportDiagnostic, context.Compilation, constructor, attribute, "applies");
        }
    }

    /// <summary>An async void method or lambda: the compiler builds it on AsyncVoidMethodBuilder, which the scan judges.</summary>
    private static void AnalyzeAsyncVoid(SyntaxNodeAnalysisContext context)
    {
        var symbol = context.Node is AnonymousFunctionExpressionSyntax
            ? context.SemanticModel.GetSymbolInfo(context.Node, context.CancellationToken).Symbol as IMethodSymbol
            : context.SemanticModel.GetDeclaredSymbol(context.Node, context.CancellationToken) as IMethodSymbol;
        if (symbol is not { IsAsync: true, ReturnsVoid: true }
            || context.Compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.AsyncVoidMethodBuilder") is not { } builder
            || Judged(context.Compilation, builder) is not { } type)
        {
            return;
        }

        var location = context.Node switch
        {
            MethodDeclarationSyntax method => method.Identifier.GetLocation(),
            LocalFunctionStatementSyntax local => local.Identifier.GetLocation(),
            AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.GetLocation(),
            _ => context.Node.GetLocation(),
        };
        var verdict = DefaultApiPolicy.Instance.CheckType(type);
        if (!verdict.IsAllowed)
        {
            context.ReportDiagnostic(Create(verdict, type.FullName, $"uses {type.FullName} (an async void method)", location));
        }
    }

    private static void ReportMethod(Action<Diagnostic> report, Compilation compilation, IMethodSymbol method, SyntaxNode at, string verb)
    {
        var referenced = PolicyNames.Referenced(method);
        if (Judged(compilation, referenced.ContainingType) is not { } type)
        {
            return;
        }

        var api = $"{type.FullName}.{referenced.MetadataName}";
        var described = (verb, referenced.MethodKind) switch
        {
            ("applies", _) => $"applies {type.FullName}",
            (_, MethodKind.Constructor) => $"creates {type.FullName}",
            _ => $"{verb} {api}",
        };
        Report(report, DefaultApiPolicy.Instance.CheckMember(type, referenced.MetadataName, PolicyNames.Shape(referenced)), api,
            described, at);
        ReportSignatureTypes(report, compilation, type,
            referenced.Parameters.Select(p => p.Type).Prepend(referenced.ReturnType), at);
    }

    /// <summary>
    /// The types in a referenced member's signature: the compiled reference names them, so the scan judges them too
    /// (<c>TimeProvider.CreateTimer</c> returns a denied <c>ITimer</c>).
    /// </summary>
    private static void ReportSignatureTypes(Action<Diagnostic> report, Compilation compilation, ApiTypeName owner,
        IEnumerable<ITypeSymbol> signature, SyntaxNode at)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { owner.FullName };
        foreach (var named in signature.SelectMany(NamedTypesIn))
        {
            if (Judged(compilation, named) is { } type && seen.Add(type.FullName))
            {
                Report(report, DefaultApiPolicy.Instance.CheckType(type), type.FullName, $"uses {type.FullName}", at);
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> NamedTypesIn(ITypeSymbol type) =>
        type switch
        {
            IArrayTypeSymbol array => NamedTypesIn(array.ElementType),
            IPointerTypeSymbol pointer => NamedTypesIn(pointer.PointedAtType),
            INamedTypeSymbol named => named.TypeArguments.SelectMany(NamedTypesIn).Prepend(named),
            _ => [],
        };

    private static void Report(Action<Diagnostic> report, ApiVerdict verdict, string api, string described, SyntaxNode at)
    {
        if (!verdict.IsAllowed)
        {
            report(Create(verdict, api, described, at.GetLocation()));
        }
    }

    private static Diagnostic Create(ApiVerdict verdict, string api, string described, Location location) =>
        Diagnostic.Create(Descriptors.ForbiddenApi, location,
            ImmutableDictionary<string, string?>.Empty.Add(CodeProperty, verdict.Code).Add(ApiProperty, api),
            described, verdict.Reason, verdict.Code);

    /// <summary>
    /// The type as the policy names it, when the scan would judge it: a type the host provides (.NET, the SDK, the
    /// logging abstractions), not the tenant's own code nor a library uploaded beside it (scanned on its own).
    /// </summary>
    private static ApiTypeName? Judged(Compilation compilation, INamedTypeSymbol? type)
    {
        if (type is null || type.TypeKind == TypeKind.Error || type.ContainingAssembly is not { } assembly
            || SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly) || !HostAssemblyNames.Provides(assembly))
        {
            return null;
        }

        return PolicyNames.TypeName(type.OriginalDefinition);
    }

    private static IEnumerable<IMethodSymbol> Accessors(IPropertyReferenceOperation property)
    {
        var writes = property.Parent is IAssignmentOperation assignment && assignment.Target == property;
        var reads = !(property.Parent is ISimpleAssignmentOperation simple && simple.Target == property);
        if (property.Parent is IMemberInitializerOperation or IObjectOrCollectionInitializerOperation)
        {
            reads = false;
        }

        if (reads && property.Property.GetMethod is { } getter)
        {
            yield return getter;
        }

        if (writes && property.Property.SetMethod is { } setter)
        {
            yield return setter;
        }
    }

    /// <summary>The whole name a simple name ends (<c>System.Diagnostics.Process</c> for <c>Process</c>).</summary>
    private static SyntaxNode Qualified(SimpleNameSyntax name)
    {
        SyntaxNode node = name;
        while (node.Parent is QualifiedNameSyntax qualified && qualified.Right == node
               || node.Parent is MemberAccessExpressionSyntax access && access.Name == node
               || node.Parent is AliasQualifiedNameSyntax alias && alias.Name == node)
        {
            node = node.Parent;
        }

        return node;
    }

    /// <summary>
    /// Whether the type name only qualifies a member the member check already judges (<c>File</c> in
    /// <c>File.ReadAllText</c>, <c>FileStream</c> in <c>new FileStream(…)</c>), or names no reference at all
    /// (<c>using</c> directives, <c>nameof</c>, an attribute's own name).
    /// </summary>
    private static bool IsCoveredByMember(SimpleNameSyntax name, SemanticModel model, CancellationToken ct)
    {
        var node = Qualified(name);

        if (node.Ancestors().Any(a => a is UsingDirectiveSyntax or AttributeSyntax
                || a is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } }))
        {
            return true;
        }

        return node.Parent switch
        {
            ObjectCreationExpressionSyntax creation => creation.Type == node,
            MemberAccessExpressionSyntax access when access.Expression == node =>
                model.GetSymbolInfo(access, ct).Symbol is IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol,
            _ => false,
        };
    }
}
