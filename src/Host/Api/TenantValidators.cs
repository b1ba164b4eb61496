using FluentValidation;
using Skein.Host.Egress;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.Host.Api;

/// <summary>Validates POST /v1/tenants.</summary>
internal sealed class CreateTenantRequestValidator : AbstractValidator<CreateTenantRequest>
{
    public CreateTenantRequestValidator()
    {
        RuleFor(r => r.Id).NotEmpty().WithMessage("'id' is required.")
            .Must(TenantIds.IsValid!).When(r => !string.IsNullOrEmpty(r.Id), ApplyConditionTo.CurrentValidator)
            .WithMessage(r => TenantIds.Problem(r.Id));
        RuleFor(r => r.Limits!).SetValidator(new TenantLimitsValidator()).When(r => r.Limits is not null);
    }
}

/// <summary>Validates tenant limits: every set limit must be positive and sane.</summary>
internal sealed class TenantLimitsValidator : AbstractValidator<TenantLimits>
{
    private const int MaxEgressRules = 256;

    public TenantLimitsValidator()
    {
        RuleFor(l => l.MaxConcurrentInstances).InclusiveBetween(1, 1_000_000).When(l => l.MaxConcurrentInstances is not null);
        RuleFor(l => l.MaxPayloadBytes).InclusiveBetween(1024, 64 * 1024 * 1024).When(l => l.MaxPayloadBytes is not null);
        RuleFor(l => l.MaxStepsPerInstance).InclusiveBetween(1, 1_000_000).When(l => l.MaxStepsPerInstance is not null);
        RuleFor(l => l.MaxUploadBytes).InclusiveBetween(1024L, 1024L * 1024 * 1024).When(l => l.MaxUploadBytes is not null);
        RuleFor(l => l.MaxCreatesPerSecond).InclusiveBetween(1, 1_000_000).When(l => l.MaxCreatesPerSecond is not null);
        RuleFor(l => l.EgressAllow!.Count).LessThanOrEqualTo(MaxEgressRules).OverridePropertyName("egressAllow")
            .WithMessage($"'egressAllow' may hold at most {MaxEgressRules} entries.").When(l => l.EgressAllow is not null);
        RuleForEach(l => l.EgressAllow).Must(e => EgressRule.TryParse(e, out _, out _)).OverridePropertyName("egressAllow")
            .WithMessage((limits, entry) => EgressRule.TryParse(entry, out _, out var error) ? "" : $"'egressAllow': {error}; {EgressRule.Shape}.");
        RuleFor(l => l.Retention).Must(r => RetentionPeriod.TryParse(r, out _, out _)).When(l => l.Retention is not null)
            .WithMessage(l => RetentionPeriod.TryParse(l.Retention, out _, out var error) ? "" : error);
    }
}
