using Skein.Host.Plugins.Validation;

namespace Skein.Host.Tests.Plugins.Validation;

/// <summary>A crafted upload must come back as a problem; a stack overflow would take the whole host down.</summary>
public sealed class HostileMetadataTests
{
    [Fact]
    public void A_type_reference_that_loops_onto_itself_is_reported_not_followed()
    {
        var result = ValidationAssert.Validate(HostileAssembly.SelfScopedTypeReference(), UploadKind.Dll);

        ValidationAssert.Rejected(result, UploadProblemCodes.BadMetadata, "Hostile.dll", "circular");
    }

    [Fact]
    public void A_type_specification_that_contains_itself_is_reported_as_malformed()
    {
        var result = ValidationAssert.Validate(HostileAssembly.SelfReferencingTypeSpecification(), UploadKind.Dll);

        ValidationAssert.Rejected(result, UploadProblemCodes.BadMetadata, "Hostile.dll: has malformed metadata");
    }

    [Fact]
    public void A_signature_nested_deep_enough_to_overflow_the_stack_is_refused_before_decoding()
    {
        var result = ValidationAssert.Validate(HostileAssembly.DeeplyNestedFieldType(1_000_000), UploadKind.Dll);

        ValidationAssert.Rejected(result, UploadProblemCodes.BadMetadata, "upload.dll", "larger than 2048 bytes");
    }
}
