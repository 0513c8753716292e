package ma.technopark.platform.types;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An amount of money: a decimal string (never a float) and its currency. */
@Schema(name = "Money")
public record Money(
        @NotNull @Pattern(regexp = "-?\\d{1,15}(\\.\\d{1,2})?", message = "must be a decimal string with at most 2 decimals")
        @Schema(example = "20000000.00") String amount,
        @NotNull @Pattern(regexp = "MAD", message = "must be MAD") @Schema(example = "MAD") String currency) {

    public static Money mad(BigDecimal amount) {
        return amount == null ? null : new Money(amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString(), "MAD");
    }

    public BigDecimal value() {
        return new BigDecimal(amount).setScale(2, RoundingMode.UNNECESSARY);
    }
}
