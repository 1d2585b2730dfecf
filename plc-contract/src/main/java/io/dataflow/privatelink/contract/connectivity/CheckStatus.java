package io.dataflow.privatelink.contract.connectivity;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** A check's verdict. A newer verdict reads as {@link #SKIPPED} in older readers: it proves nothing to them. */
public enum CheckStatus {
    PASS,
    FAIL,
    @JsonEnumDefaultValue
    SKIPPED
}
