// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.fhir.internal.read;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType;

/**
 * Parses one item with HAPI FHIR. Parsing is lenient about what tidlig does not need (unknown elements,
 * repeated elements) and strict about values: a date that does not exist, a code outside its value set or
 * a value of the wrong JSON type makes the resource a problem, named by its elements. HAPI's own messages
 * quote the values, so they are never passed on; only HAPI's message code is.
 */
public final class ResourceParser {

    private static final Pattern TYPE_NAME = Pattern.compile("[A-Z][A-Za-z]{1,63}");
    private static final Pattern ELEMENT_NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,63}");
    private static final Pattern HAPI_CODE = Pattern.compile("^(HAPI-\\d{1,5})");

    /**
     * @param resource the resource; may be present along with a problem (values HAPI could not read are empty)
     * @param problem  why the resource is to be quarantined, or null
     */
    public record Parsed(Resource resource, String problem) {
    }

    private final FhirContext context;

    public ResourceParser(FhirContext context) {
        this.context = context;
    }

    public Parsed parse(Item item) {
        Problems problems = new Problems();
        IParser parser = (item.xml() ? context.newXmlParser() : context.newJsonParser()).setParserErrorHandler(problems);
        IBaseResource parsed;
        try {
            parsed = parser.parseResource(item.text());
        } catch (DataFormatException e) {
            return new Parsed(null, typeName(item.resourceType()) + ": not a valid FHIR R4 resource" + hapiCode(e));
        }
        if (!(parsed instanceof Resource)) {
            return new Parsed(null, typeName(item.resourceType()) + ": not a FHIR R4 resource");
        }
        Resource resource = (Resource) parsed;
        if (problems.elements.isEmpty()) {
            return new Parsed(resource, null);
        }
        return new Parsed(resource, resource.fhirType() + ": invalid value" + (problems.elements.size() > 1 ? "s" : "") + " in "
                + String.join(", ", problems.elements));
    }

    /** The resource in JSON, as kept in quarantine for a resource that came in XML. */
    public String json(Resource resource) {
        return context.newJsonParser().encodeResourceToString(resource);
    }

    private static String typeName(String type) {
        return type != null && TYPE_NAME.matcher(type).matches() ? type : "the resource";
    }

    private static String hapiCode(DataFormatException e) {
        Matcher m = HAPI_CODE.matcher(String.valueOf(e.getMessage()));
        return m.find() ? " (" + m.group(1) + ")" : "";
    }

    /** Collects the names of elements whose values could not be read; never the values. */
    private static final class Problems implements IParserErrorHandler {
        final Set<String> elements = new TreeSet<>();

        private void add(String name) {
            elements.add(name != null && ELEMENT_NAME.matcher(name).matches() ? name : "an element");
        }

        @Override
        public void invalidValue(IParseLocation location, String value, String error) {
            add(location == null ? null : location.getParentElementName());
        }

        @Override
        public void incorrectJsonType(IParseLocation location, String elementName, ValueType expectedValueType, ScalarType expectedScalarType,
                ValueType foundValueType, ScalarType foundScalarType) {
            add(elementName);
        }

        @Override
        public void containedResourceWithNoId(IParseLocation location) {
        }

        @Override
        public void missingRequiredElement(IParseLocation location, String elementName) {
        }

        @Override
        public void unexpectedRepeatingElement(IParseLocation location, String elementName) {
        }

        @Override
        public void unknownAttribute(IParseLocation location, String attributeName) {
        }

        @Override
        public void unknownElement(IParseLocation location, String elementName) {
        }

        @Override
        public void unknownReference(IParseLocation location, String reference) {
        }

        @Override
        public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
        }
    }
}
