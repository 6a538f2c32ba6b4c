// The OWL checks other tools make of govkg's ontology and builds, run by tests/test_owl.py:
// the OWL API's OWL 2 DL profile check and the HermiT reasoner, both from the HermiT.jar that owlready2 ships.
//
//   java -cp HermiT.jar OwlCheck.java FILE...
//
// Each FILE (Turtle, RDF/XML or N-Triples) is loaded as one ontology. For each, prints
//   profile <n>           the number of OWL 2 DL violations, then one "violation <text>" line each
//   consistent <bool>     HermiT's verdict on the ontology
//   unsatisfiable <n>     the named classes HermiT finds unsatisfiable, then one "class <iri>" line each
// and exits 0 (the caller reads the lines and decides).
import java.io.File;
import org.semanticweb.HermiT.Reasoner;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public class OwlCheck {
    public static void main(String[] files) throws Exception {
        for (String file : files) {
            OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
            OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new File(file));
            System.out.println("file " + file);
            OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
            System.out.println("profile " + report.getViolations().size());
            for (OWLProfileViolation v : report.getViolations()) {
                System.out.println("violation " + v.toString().replace('\n', ' '));
            }
            Reasoner reasoner = new Reasoner(ontology);
            boolean consistent = reasoner.isConsistent();
            System.out.println("consistent " + consistent);
            if (consistent) {
                java.util.Set<OWLClass> unsatisfiable = reasoner.getUnsatisfiableClasses().getEntitiesMinusBottom();
                System.out.println("unsatisfiable " + unsatisfiable.size());
                for (OWLClass c : unsatisfiable) {
                    System.out.println("class " + c.getIRI());
                }
            }
            reasoner.dispose();
        }
    }
}
